package io.moraine.kube.model;

import java.util.Map;

/**
 * One consistent view of a site: every object now known, keyed by {@link ObjectRef#key()}.
 * Workloads are all the watched controller kinds (ReplicaSets owned by a Deployment included).
 * Immutable.
 */
public record ClusterState(
    SiteInfo site,
    Map<String, NodeInfo> nodes,
    Map<String, WorkloadInfo> workloads,
    Map<String, PodInfo> pods,
    Map<String, NamespaceInfo> namespaces,
    Map<String, PvcInfo> pvcs) {
  public ClusterState {
    nodes = Map.copyOf(nodes);
    workloads = Map.copyOf(workloads);
    pods = Map.copyOf(pods);
    namespaces = Map.copyOf(namespaces);
    pvcs = Map.copyOf(pvcs);
  }
}
