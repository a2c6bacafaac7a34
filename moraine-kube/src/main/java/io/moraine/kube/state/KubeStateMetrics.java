package io.moraine.kube.state;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.PvcInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.util.List;

/**
 * The kube-state-metrics v2 families (see the package table) of a {@link ClusterState}: the names,
 * label sets and values that kube-state-metrics exposes for the same objects, with labels whose
 * value is empty left out (as Prometheus stores them). No {@code job} or {@code instance} label.
 *
 * <p>A pure function: the result depends only on the state, not on the time it is taken; the caller
 * gives the samples their timestamp. Thread-safe.
 */
public final class KubeStateMetrics {
  /** Every family name this class can produce, sorted. */
  public static final List<String> FAMILIES =
      List.of(
          "kube_daemonset_status_number_ready",
          "kube_deployment_spec_replicas",
          "kube_deployment_status_replicas_available",
          "kube_job_owner",
          "kube_job_status_active",
          "kube_job_status_failed",
          "kube_job_status_succeeded",
          "kube_namespace_status_phase",
          "kube_node_info",
          "kube_node_spec_unschedulable",
          "kube_node_status_allocatable",
          "kube_node_status_capacity",
          "kube_node_status_condition",
          "kube_persistentvolumeclaim_resource_requests_storage_bytes",
          "kube_pod_completion_time",
          "kube_pod_container_resource_limits",
          "kube_pod_container_resource_requests",
          "kube_pod_container_status_last_terminated_reason",
          "kube_pod_container_status_restarts_total",
          "kube_pod_container_status_terminated_reason",
          "kube_pod_container_status_waiting_reason",
          "kube_pod_info",
          "kube_pod_owner",
          "kube_pod_start_time",
          "kube_pod_status_phase",
          "kube_statefulset_replicas",
          "kube_statefulset_status_replicas_ready");

  private KubeStateMetrics() {}

  /**
   * Computes every family for the objects of {@code state}.
   *
   * @return the samples sorted by labels, one per series (a series appears once)
   */
  public static List<StateSample> collect(ClusterState state) {
    SeriesCollector out = new SeriesCollector();
    for (NodeInfo n : state.nodes().values()) {
      NodeFamilies.add(out, n);
    }
    for (PodInfo p : state.pods().values()) {
      PodFamilies.add(out, p);
    }
    for (WorkloadInfo w : state.workloads().values()) {
      WorkloadFamilies.add(out, w);
    }
    for (NamespaceInfo n : state.namespaces().values()) {
      NamespaceFamilies.add(out, n);
    }
    for (PvcInfo p : state.pvcs().values()) {
      NamespaceFamilies.add(out, p);
    }
    return out.sorted();
  }
}
