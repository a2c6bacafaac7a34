package io.moraine.kube.state;

import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.PvcInfo;

/** The families of namespaces and PersistentVolumeClaims. Stateless. */
final class NamespaceFamilies {
  /** The namespace phases kube-state-metrics gives a series each. */
  private static final String[] PHASES = {"Active", "Terminating"};

  private NamespaceFamilies() {}

  static void add(SeriesCollector out, NamespaceInfo n) {
    String[] ns = {"namespace", n.ref().name()};
    for (String phase : PHASES) {
      out.add("kube_namespace_status_phase", ns, phase.equals(n.phase()) ? 1 : 0, "phase", phase);
    }
  }

  /** The requested storage, when the claim requests any; bytes rounded up as Quantity.Value(). */
  static void add(SeriesCollector out, PvcInfo p) {
    if (Double.isNaN(p.requestedBytes())) {
      return;
    }
    out.add(
        "kube_persistentvolumeclaim_resource_requests_storage_bytes",
        new String[] {"namespace", p.ref().namespace(), "persistentvolumeclaim", p.ref().name()},
        Math.ceil(p.requestedBytes()));
  }
}
