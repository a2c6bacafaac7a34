package io.moraine.kube.model;

import java.time.Instant;

/**
 * A moment in the life of a workload or pod, with its exact time as Kubernetes recorded it (a
 * container's startedAt, a Job's completion, the deletion's observation).
 *
 * @param subject the workload or pod ({@code kind} tells which)
 * @param reason Kubernetes' reason when it gave one ({@code Completed}, {@code
 *     BackoffLimitExceeded}, {@code OOMKilled}, {@code Deleted}), else empty
 */
public record LifecycleEvent(ObjectRef subject, Type type, Instant at, String reason) {
  /** What happened. */
  public enum Type {
    /** The object appeared in the API. */
    CREATED,
    /** A workload's first pod (or the pod itself) is running. */
    STARTED,
    /** Deleted, or (Jobs, pods) finished successfully. */
    STOPPED,
    /** A Job failed, or a pod ended in phase Failed. */
    FAILED
  }
}
