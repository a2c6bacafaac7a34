package io.moraine.kube.state;

import io.moraine.kube.model.NodeInfo;
import java.util.Locale;
import java.util.Map;

/** The {@code kube_node_*} families of one node. Stateless. */
final class NodeFamilies {
  /** kube-state-metrics reports the removed kube-proxy version field as this constant. */
  private static final String KUBEPROXY_VERSION = "deprecated";

  /** The statuses a condition gets one series each for, in KSM's order. */
  private static final String[] CONDITION_STATUSES = {"True", "False", "Unknown"};

  private NodeFamilies() {}

  static void add(SeriesCollector out, NodeInfo n) {
    String[] node = {"node", n.ref().name()};
    out.add(
        "kube_node_info",
        node,
        1,
        "kernel_version",
        n.kernelVersion(),
        "os_image",
        n.osImage(),
        "container_runtime_version",
        n.containerRuntimeVersion(),
        "kubelet_version",
        n.kubeletVersion(),
        "kubeproxy_version",
        KUBEPROXY_VERSION,
        "provider_id",
        n.providerId(),
        "pod_cidr",
        n.podCidr(),
        "system_uuid",
        n.systemUuid(),
        "internal_ip",
        n.internalIp());
    for (Map.Entry<String, String> c : n.conditions().entrySet()) {
      for (String status : CONDITION_STATUSES) {
        out.add(
            "kube_node_status_condition",
            node,
            status.equals(c.getValue()) ? 1 : 0,
            "condition",
            c.getKey(),
            "status",
            status.toLowerCase(Locale.ROOT));
      }
    }
    ResourceUnits.addAll(out, "kube_node_status_capacity", node, n.capacity(), true, false);
    ResourceUnits.addAll(out, "kube_node_status_allocatable", node, n.allocatable(), true, false);
    out.add("kube_node_spec_unschedulable", node, n.unschedulable() ? 1 : 0);
  }
}
