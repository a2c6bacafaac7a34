/**
 * kube-state-metrics v2 for Moraine: the {@code kube_*} families computed from a {@link
 * io.moraine.kube.model.ClusterState} ({@link io.moraine.kube.state.KubeStateMetrics}, a pure
 * function) and appended to a store every interval with staleness markers for vanished series
 * ({@link io.moraine.kube.state.KubeStateExporter}).
 *
 * <table>
 *   <caption>Families</caption>
 *   <tr><th>object</th><th>families</th><th>object labels</th></tr>
 *   <tr><td>node</td><td>{@code kube_node_info}, {@code kube_node_status_condition}, {@code
 *       kube_node_status_allocatable}, {@code kube_node_status_capacity}, {@code
 *       kube_node_spec_unschedulable}</td><td>{@code node}</td></tr>
 *   <tr><td>pod</td><td>{@code kube_pod_info}, {@code kube_pod_owner}, {@code
 *       kube_pod_status_phase}, {@code kube_pod_start_time}, {@code kube_pod_completion_time},
 *       {@code kube_pod_container_status_restarts_total}, {@code
 *       kube_pod_container_status_waiting_reason}, {@code
 *       kube_pod_container_status_terminated_reason}, {@code
 *       kube_pod_container_status_last_terminated_reason}, {@code
 *       kube_pod_container_resource_requests}, {@code kube_pod_container_resource_limits}</td>
 *       <td>{@code namespace}, {@code pod}, {@code uid}</td></tr>
 *   <tr><td>deployment</td><td>{@code kube_deployment_spec_replicas}, {@code
 *       kube_deployment_status_replicas_available}</td><td>{@code namespace}, {@code
 *       deployment}</td></tr>
 *   <tr><td>statefulset</td><td>{@code kube_statefulset_replicas}, {@code
 *       kube_statefulset_status_replicas_ready}</td><td>{@code namespace}, {@code
 *       statefulset}</td></tr>
 *   <tr><td>daemonset</td><td>{@code kube_daemonset_status_number_ready}</td><td>{@code
 *       namespace}, {@code daemonset}</td></tr>
 *   <tr><td>job</td><td>{@code kube_job_status_succeeded}, {@code kube_job_status_failed}, {@code
 *       kube_job_status_active}, {@code kube_job_owner}</td><td>{@code namespace}, {@code
 *       job_name}</td></tr>
 *   <tr><td>namespace</td><td>{@code kube_namespace_status_phase}</td><td>{@code
 *       namespace}</td></tr>
 *   <tr><td>pvc</td><td>{@code kube_persistentvolumeclaim_resource_requests_storage_bytes}</td>
 *       <td>{@code namespace}, {@code persistentvolumeclaim}</td></tr>
 * </table>
 */
@NullMarked
package io.moraine.kube.state;

import org.jspecify.annotations.NullMarked;
