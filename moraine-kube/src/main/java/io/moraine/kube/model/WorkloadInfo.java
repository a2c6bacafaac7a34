package io.moraine.kube.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob as last seen. Its pod template's
 * containers give its demand.
 *
 * @param kind the Kubernetes kind ({@code Deployment}, {@code StatefulSet}, {@code DaemonSet},
 *     {@code ReplicaSet}, {@code Job}, {@code CronJob})
 * @param owner the controller in its ownerReferences (a ReplicaSet's Deployment, a Job's CronJob),
 *     or null
 * @param images the template's container images, init containers first, in order
 * @param requests per-pod effective requests of the template (max of init vs sum of app)
 * @param limits per-pod effective limits of the template
 * @param podTemplateAnnotations the pod template's annotations (GLACIATION reads {@code
 *     glaciation-project.eu/{network,energy}-{allocated,capacity}} there)
 * @param replicasDesired spec.replicas (Deployment, StatefulSet, ReplicaSet),
 *     desiredNumberScheduled (DaemonSet), spec.completions (Job, default 1); 0 for CronJob
 * @param replicasReady status.readyReplicas / numberReady / (Job) status.ready
 * @param replicasAvailable status.availableReplicas / numberAvailable; for a Job, status.active
 * @param succeeded a Job's status.succeeded, else 0
 * @param failed a Job's status.failed, else 0
 * @param completedAt a Job's completion (Complete condition's time or status.completionTime), or
 *     its Failed condition's time; else null
 * @param jobOutcome for a Job: {@code Complete}, {@code Failed} or empty while it runs
 * @param schedule a CronJob's schedule, else empty
 * @param deletedAt when the watch reported it deleted, else null
 * @param failureReason for a failed Job, its Failed condition's reason ({@code
 *     BackoffLimitExceeded}, {@code DeadlineExceeded}...), else empty
 */
public record WorkloadInfo(
    ObjectRef ref,
    Map<String, String> labels,
    Map<String, String> annotations,
    @Nullable ObjectRef owner,
    List<String> images,
    Resources requests,
    Resources limits,
    Map<String, String> podTemplateAnnotations,
    int replicasDesired,
    int replicasReady,
    int replicasAvailable,
    int succeeded,
    int failed,
    Instant createdAt,
    @Nullable Instant completedAt,
    String jobOutcome,
    String schedule,
    @Nullable Instant deletedAt,
    String failureReason) {

  /** The form before {@code failureReason}: it is empty. */
  public WorkloadInfo(
      ObjectRef ref,
      Map<String, String> labels,
      Map<String, String> annotations,
      @Nullable ObjectRef owner,
      List<String> images,
      Resources requests,
      Resources limits,
      Map<String, String> podTemplateAnnotations,
      int replicasDesired,
      int replicasReady,
      int replicasAvailable,
      int succeeded,
      int failed,
      Instant createdAt,
      @Nullable Instant completedAt,
      String jobOutcome,
      String schedule,
      @Nullable Instant deletedAt) {
    this(
        ref,
        labels,
        annotations,
        owner,
        images,
        requests,
        limits,
        podTemplateAnnotations,
        replicasDesired,
        replicasReady,
        replicasAvailable,
        succeeded,
        failed,
        createdAt,
        completedAt,
        jobOutcome,
        schedule,
        deletedAt,
        "");
  }
}
