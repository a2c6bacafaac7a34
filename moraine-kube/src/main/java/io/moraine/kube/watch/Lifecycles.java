package io.moraine.kube.watch;

import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.LifecycleEvent.Type;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lifecycle events from successive values of pods and workloads, each told once per object uid and
 * type: a pod is CREATED at its creationTimestamp, STARTED when its first container started (or at
 * {@code status.startTime} once it runs), STOPPED when it succeeded (its last container's
 * finishedAt) or was deleted (the observed time), FAILED in phase Failed. A workload is CREATED at
 * its creationTimestamp, STARTED when one of its pods starts (that pod's time), STOPPED when a Job
 * completes (its completion time) or the workload is deleted, FAILED when a Job fails. What was
 * told for an object is forgotten when it is deleted.
 *
 * <p>Not thread-safe: used by the watcher's dispatch thread only.
 */
final class Lifecycles {
  static final String DELETED = "Deleted";

  private final Set<String> told = new HashSet<>();

  /** The events {@code now} brings after {@code before} (null when first seen). */
  List<LifecycleEvent> pod(
      @Nullable PodInfo before,
      PodInfo now,
      List<ObjectRef> chain,
      List<ObjectRef> chainBefore,
      Instant observed) {
    List<LifecycleEvent> out = new ArrayList<>();
    ObjectRef ref = now.ref();
    once(out, ref, Type.CREATED, now.createdAt(), "");
    Instant started = started(now);
    if (started != null) {
      once(out, ref, Type.STARTED, started, "");
      boolean wasStarted = before != null && started(before) != null;
      for (ObjectRef w : chain) {
        if (!wasStarted || !chainBefore.contains(w)) {
          once(out, w, Type.STARTED, started, "");
        }
      }
    }
    Instant finished = now.finishedAt() != null ? now.finishedAt() : observed;
    if ("Succeeded".equals(now.phase()) && !ended(ref)) {
      once(out, ref, Type.STOPPED, finished, "Completed");
    } else if ("Failed".equals(now.phase()) && !ended(ref)) {
      once(out, ref, Type.FAILED, finished, failureReason(now));
    }
    return out;
  }

  /**
   * The events of a pod's deletion ({@code last} its final value, {@code before} the value known
   * before, if any); forgets the pod.
   */
  List<LifecycleEvent> podRemoved(
      @Nullable PodInfo before, PodInfo last, List<ObjectRef> chain, Instant observed) {
    List<LifecycleEvent> out = new ArrayList<>(pod(before, last, chain, chain, observed));
    if (!ended(last.ref())) {
      once(out, last.ref(), Type.STOPPED, observed, DELETED);
    }
    forget(last.ref());
    return out;
  }

  /** The events {@code now} brings; {@code reason} is a failed Job's condition reason. */
  List<LifecycleEvent> workload(WorkloadInfo now, String reason) {
    List<LifecycleEvent> out = new ArrayList<>();
    ObjectRef ref = now.ref();
    once(out, ref, Type.CREATED, now.createdAt(), "");
    Instant at = now.completedAt();
    if (at != null && !ended(ref)) {
      if ("Complete".equals(now.jobOutcome())) {
        once(out, ref, Type.STOPPED, at, "Completed");
      } else if ("Failed".equals(now.jobOutcome())) {
        once(out, ref, Type.FAILED, at, reason);
      }
    }
    return out;
  }

  /** The events of a workload's deletion; forgets the workload. */
  List<LifecycleEvent> workloadRemoved(WorkloadInfo last, String reason, Instant observed) {
    List<LifecycleEvent> out = new ArrayList<>(workload(last, reason));
    if (!ended(last.ref())) {
      once(out, last.ref(), Type.STOPPED, observed, DELETED);
    }
    forget(last.ref());
    return out;
  }

  /**
   * When the pod began to run: its earliest container start, else {@code status.startTime} once it
   * is Running or Succeeded; null while it has not run.
   */
  static @Nullable Instant started(PodInfo p) {
    Instant first = null;
    for (ContainerInfo c : p.initContainers()) {
      first = Times.min(first, c.startedAt());
    }
    for (ContainerInfo c : p.containers()) {
      first = Times.min(first, c.startedAt());
    }
    if (first == null && ("Running".equals(p.phase()) || "Succeeded".equals(p.phase()))) {
      first = p.startedAt();
    }
    return first;
  }

  private static String failureReason(PodInfo p) {
    if (!p.reason().isEmpty()) {
      return p.reason();
    }
    for (ContainerInfo c : p.containers()) {
      if ("terminated".equals(c.state())
          && !c.reason().isEmpty()
          && !"Completed".equals(c.reason())) {
        return c.reason();
      }
    }
    return "";
  }

  private boolean ended(ObjectRef ref) {
    return told.contains(key(ref, Type.STOPPED)) || told.contains(key(ref, Type.FAILED));
  }

  private void once(List<LifecycleEvent> out, ObjectRef ref, Type type, Instant at, String reason) {
    if (told.add(key(ref, type))) {
      out.add(new LifecycleEvent(ref, type, at, reason));
    }
  }

  private void forget(ObjectRef ref) {
    for (Type t : Type.values()) {
      told.remove(key(ref, t));
    }
  }

  private static String key(ObjectRef ref, Type type) {
    return (ref.uid().isEmpty() ? ref.key() : ref.uid()) + "#" + type;
  }
}
