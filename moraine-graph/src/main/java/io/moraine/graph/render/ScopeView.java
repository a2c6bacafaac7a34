package io.moraine.graph.render;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.PvcInfo;
import io.moraine.kube.model.SiteInfo;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/** The site, namespaces and persistent volume claims: the scopes workloads live in. */
final class ScopeView {
  private final RenderOptions options;
  private final Iris iris;

  ScopeView(RenderOptions options, Iris iris) {
    this.options = options;
    this.iris = iris;
  }

  Graph site(ClusterState now) {
    Emit e = new Emit();
    SiteInfo s = now.site();
    Node site = iris.site();
    e.type(site, Vocab.Glc.SITE, Vocab.K8s.CLUSTER);
    e.text(site, Vocab.Glc.HAS_ID, options.site());
    e.text(site, Vocab.Mor.NAME, options.site());
    e.text(site, Vocab.Mor.NAME_SOURCE, s.nameSource());
    if (!s.apiServer().isEmpty()) {
      e.url(site, Vocab.Mor.API_SERVER, s.apiServer());
    }
    e.url(site, Vocab.Mor.URL, options.serverUrl());
    TreeSet<String> names = new TreeSet<>();
    for (NodeInfo n : now.nodes().values()) {
      if (n.deletedAt() == null) {
        names.add(n.ref().name());
      }
    }
    for (String name : names) {
      e.add(site, Vocab.Glc.HAS_SUB_RESOURCE, iris.iri("node/" + Iris.segment(name)));
    }
    e.add(site, Vocab.Mor.HAS_TELEMETRY, TelemetryView.telemetryOf(site));
    return e.graph();
  }

  Graph namespace(NamespaceInfo ns) {
    Emit e = new Emit();
    Node n = iris.entity(ns.ref());
    e.type(n, Vocab.Mor.NAMESPACE);
    Common.identity(e, iris, n, ns.ref(), ns.createdAt());
    e.pairs(n, ns.labels(), true);
    e.pairs(n, ns.annotations(), false);
    e.status(n, ns.phase(), ns.createdAt(), null);
    return e.graph();
  }

  Graph pvc(PvcInfo p) {
    Emit e = new Emit();
    Node n = iris.entity(p.ref());
    e.type(n, Vocab.Mor.PVC);
    Common.identity(e, iris, n, p.ref(), p.createdAt());
    e.text(n, Vocab.Mor.STORAGE_CLASS, p.storageClassName());
    e.number(n, Vocab.Mor.REQUESTED, p.requestedBytes());
    e.number(n, Vocab.Mor.CAPACITY, p.capacityBytes());
    e.add(n, Vocab.Glc.MEASURED_IN, Vocab.Unit.BYTE);
    e.text(n, Vocab.Mor.VOLUME_NAME, p.volumeName());
    e.status(n, p.phase(), p.createdAt(), null);
    return e.graph();
  }
}
