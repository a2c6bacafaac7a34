package io.moraine.kube.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pod as last seen.
 *
 * @param owner the controller in its ownerReferences (a ReplicaSet, Job, StatefulSet...), or null
 * @param workload the top of its owner chain resolved (Pod → ReplicaSet → Deployment, Pod → Job →
 *     CronJob; a bare ReplicaSet or Job is its own workload), or null for a bare pod
 * @param phase Kubernetes' pod phase ({@code Pending}, {@code Running}, {@code Succeeded}, {@code
 *     Failed}, {@code Unknown})
 * @param startedAt {@code status.startTime}, or null before the kubelet took it
 * @param finishedAt for a pod in a terminal phase, the last container's finishedAt; else null
 * @param deletedAt when the watch reported it deleted (or its deletionTimestamp), else null
 * @param requests the effective pod requests as the scheduler counts them: per resource the max of
 *     any init container and the sum of the app containers (plus the pod overhead)
 * @param limits the effective limits, counted the same way (absent when any app container has no
 *     limit for that resource)
 * @param hostIp {@code status.hostIP} (the node's primary IP), empty until scheduled and started
 * @param hostNetwork {@code spec.hostNetwork}
 */
public record PodInfo(
    ObjectRef ref,
    Map<String, String> labels,
    Map<String, String> annotations,
    @Nullable ObjectRef owner,
    @Nullable ObjectRef workload,
    String nodeName,
    String phase,
    String reason,
    String schedulerName,
    String qosClass,
    String podIp,
    String priorityClassName,
    List<ContainerInfo> initContainers,
    List<ContainerInfo> containers,
    Resources requests,
    Resources limits,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Instant deletedAt,
    List<String> pvcNames,
    String hostIp,
    boolean hostNetwork) {

  /** The form before {@code hostIp} and {@code hostNetwork}: they are empty and false. */
  public PodInfo(
      ObjectRef ref,
      Map<String, String> labels,
      Map<String, String> annotations,
      @Nullable ObjectRef owner,
      @Nullable ObjectRef workload,
      String nodeName,
      String phase,
      String reason,
      String schedulerName,
      String qosClass,
      String podIp,
      String priorityClassName,
      List<ContainerInfo> initContainers,
      List<ContainerInfo> containers,
      Resources requests,
      Resources limits,
      Instant createdAt,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt,
      @Nullable Instant deletedAt,
      List<String> pvcNames) {
    this(
        ref,
        labels,
        annotations,
        owner,
        workload,
        nodeName,
        phase,
        reason,
        schedulerName,
        qosClass,
        podIp,
        priorityClassName,
        initContainers,
        containers,
        requests,
        limits,
        createdAt,
        startedAt,
        finishedAt,
        deletedAt,
        pvcNames,
        "",
        false);
  }

  /** True once Kubernetes will run it no further ({@code Succeeded}, {@code Failed}) or deleted. */
  public boolean terminal() {
    return "Succeeded".equals(phase) || "Failed".equals(phase) || deletedAt != null;
  }
}
