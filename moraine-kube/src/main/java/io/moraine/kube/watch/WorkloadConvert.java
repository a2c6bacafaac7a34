package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Controllers (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob) to {@link
 * WorkloadInfo}: metadata, the pod template's images and effective demand, replica counts, and a
 * Job's outcome. Stateless.
 */
final class WorkloadConvert {
  private WorkloadConvert() {}

  /** Replica counts and a Job's outcome; zeros and nulls where a kind has none. */
  private record Counts(
      int desired,
      int ready,
      int available,
      int succeeded,
      int failed,
      @Nullable Instant completedAt,
      String outcome,
      String schedule) {
    static Counts replicas(
        @Nullable Integer desired, @Nullable Integer ready, @Nullable Integer available) {
      return new Counts(n(desired, 1), n(ready, 0), n(available, 0), 0, 0, null, "", "");
    }
  }

  /**
   * {@code o} as a workload, or null when it is not one of the watched controller kinds; {@code
   * removedAt} is when the watch reported it deleted, or null.
   */
  static @Nullable WorkloadInfo workload(HasMetadata o, Instant now, @Nullable Instant removedAt) {
    WorkloadInfo w =
        switch (o) {
          case Deployment d -> deployment(d, now);
          case ReplicaSet r -> replicaSet(r, now);
          case StatefulSet s -> statefulSet(s, now);
          case DaemonSet d -> daemonSet(d, now);
          case Job j -> job(j, now);
          case CronJob c -> cronJob(c, now);
          default -> null;
        };
    return w == null || removedAt == null ? w : deleted(w, removedAt);
  }

  /** The reason of a Job's Failed condition ({@code BackoffLimitExceeded}...), else "". */
  static String failureReason(HasMetadata o) {
    if (o instanceof Job j && j.getStatus() != null) {
      for (JobCondition c : Convert.list(j.getStatus().getConditions())) {
        if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
          return Convert.str(c.getReason());
        }
      }
    }
    return "";
  }

  private static WorkloadInfo deleted(WorkloadInfo w, Instant at) {
    return new WorkloadInfo(
        w.ref(),
        w.labels(),
        w.annotations(),
        w.owner(),
        w.images(),
        w.requests(),
        w.limits(),
        w.podTemplateAnnotations(),
        w.replicasDesired(),
        w.replicasReady(),
        w.replicasAvailable(),
        w.succeeded(),
        w.failed(),
        w.createdAt(),
        w.completedAt(),
        w.jobOutcome(),
        w.schedule(),
        at);
  }

  static WorkloadInfo deployment(Deployment d, Instant now) {
    DeploymentStatus st = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    Integer desired = d.getSpec() == null ? null : d.getSpec().getReplicas();
    PodTemplateSpec t = d.getSpec() == null ? null : d.getSpec().getTemplate();
    return make(
        "Deployment",
        d,
        t,
        Counts.replicas(desired, st.getReadyReplicas(), st.getAvailableReplicas()),
        now);
  }

  static WorkloadInfo replicaSet(ReplicaSet r, Instant now) {
    ReplicaSetStatus st = r.getStatus() == null ? new ReplicaSetStatus() : r.getStatus();
    Integer desired = r.getSpec() == null ? null : r.getSpec().getReplicas();
    PodTemplateSpec t = r.getSpec() == null ? null : r.getSpec().getTemplate();
    return make(
        "ReplicaSet",
        r,
        t,
        Counts.replicas(desired, st.getReadyReplicas(), st.getAvailableReplicas()),
        now);
  }

  static WorkloadInfo statefulSet(StatefulSet s, Instant now) {
    StatefulSetStatus st = s.getStatus() == null ? new StatefulSetStatus() : s.getStatus();
    Integer desired = s.getSpec() == null ? null : s.getSpec().getReplicas();
    PodTemplateSpec t = s.getSpec() == null ? null : s.getSpec().getTemplate();
    return make(
        "StatefulSet",
        s,
        t,
        Counts.replicas(desired, st.getReadyReplicas(), st.getAvailableReplicas()),
        now);
  }

  static WorkloadInfo daemonSet(DaemonSet d, Instant now) {
    DaemonSetStatus st = d.getStatus() == null ? new DaemonSetStatus() : d.getStatus();
    PodTemplateSpec t = d.getSpec() == null ? null : d.getSpec().getTemplate();
    Counts c =
        new Counts(
            n(st.getDesiredNumberScheduled(), 0),
            n(st.getNumberReady(), 0),
            n(st.getNumberAvailable(), 0),
            0,
            0,
            null,
            "",
            "");
    return make("DaemonSet", d, t, c, now);
  }

  static WorkloadInfo job(Job j, Instant now) {
    JobStatus st = j.getStatus() == null ? new JobStatus() : j.getStatus();
    Integer completions = j.getSpec() == null ? null : j.getSpec().getCompletions();
    PodTemplateSpec t = j.getSpec() == null ? null : j.getSpec().getTemplate();
    String outcome = "";
    Instant at = null;
    for (JobCondition c : Convert.list(st.getConditions())) {
      boolean on = "True".equals(c.getStatus());
      if (on && ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))) {
        outcome = c.getType();
        at =
            Times.parse(
                c.getLastTransitionTime(), "Job condition " + outcome + " lastTransitionTime");
      }
    }
    if ("Complete".equals(outcome) || (outcome.isEmpty() && st.getCompletionTime() != null)) {
      outcome = "Complete";
      at = Times.min(Times.parse(st.getCompletionTime(), "status.completionTime"), at);
    }
    Counts c =
        new Counts(
            n(completions, 1),
            n(st.getReady(), 0),
            n(st.getActive(), 0),
            n(st.getSucceeded(), 0),
            n(st.getFailed(), 0),
            at,
            outcome,
            "");
    return make("Job", j, t, c, now);
  }

  static WorkloadInfo cronJob(CronJob cj, Instant now) {
    PodTemplateSpec t = null;
    String schedule = "";
    if (cj.getSpec() != null) {
      schedule = Convert.str(cj.getSpec().getSchedule());
      if (cj.getSpec().getJobTemplate() != null
          && cj.getSpec().getJobTemplate().getSpec() != null) {
        t = cj.getSpec().getJobTemplate().getSpec().getTemplate();
      }
    }
    return make("CronJob", cj, t, new Counts(0, 0, 0, 0, 0, null, "", schedule), now);
  }

  private static WorkloadInfo make(
      String kind, HasMetadata o, @Nullable PodTemplateSpec template, Counts c, Instant now) {
    ObjectMeta m = o.getMetadata();
    PodSpec spec =
        template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
    Map<String, String> templateAnnotations =
        template == null || template.getMetadata() == null
            ? Map.of()
            : Convert.map(template.getMetadata().getAnnotations());
    List<String> images = new ArrayList<>();
    for (Container ct : Convert.list(spec.getInitContainers())) {
      images.add(Convert.str(ct.getImage()));
    }
    for (Container ct : Convert.list(spec.getContainers())) {
      images.add(Convert.str(ct.getImage()));
    }
    Demand demand = Demand.of(spec.getInitContainers(), spec.getContainers(), spec.getOverhead());
    return new WorkloadInfo(
        Convert.ref(kind, o),
        Convert.map(m.getLabels()),
        Convert.map(m.getAnnotations()),
        Convert.controller(o),
        List.copyOf(images),
        demand.requests(),
        demand.limits(),
        templateAnnotations,
        c.desired(),
        c.ready(),
        c.available(),
        c.succeeded(),
        c.failed(),
        Convert.created(m, now),
        c.completedAt(),
        c.outcome(),
        c.schedule(),
        null);
  }

  private static int n(@Nullable Integer v, int absent) {
    return v == null ? absent : v;
  }
}
