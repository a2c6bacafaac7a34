package io.moraine.kube.state;

import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.WorkloadInfo;

/**
 * The families of Deployments, StatefulSets, DaemonSets and Jobs; other workload kinds (ReplicaSet,
 * CronJob) have none here. Stateless.
 */
final class WorkloadFamilies {
  /** The Job failure reasons kube-state-metrics gives a series each once a Job has failed. */
  private static final String[] JOB_FAILURE_REASONS = {
    "BackoffLimitExceeded", "DeadlineExceeded", "Evicted"
  };

  private WorkloadFamilies() {}

  static void add(SeriesCollector out, WorkloadInfo w) {
    String ns = w.ref().namespace();
    String name = w.ref().name();
    switch (w.ref().kind()) {
      case "Deployment" -> {
        String[] d = {"namespace", ns, "deployment", name};
        out.add("kube_deployment_spec_replicas", d, w.replicasDesired());
        out.add("kube_deployment_status_replicas_available", d, w.replicasAvailable());
      }
      case "StatefulSet" -> {
        String[] s = {"namespace", ns, "statefulset", name};
        out.add("kube_statefulset_replicas", s, w.replicasDesired());
        out.add("kube_statefulset_status_replicas_ready", s, w.replicasReady());
      }
      case "DaemonSet" ->
          out.add(
              "kube_daemonset_status_number_ready",
              new String[] {"namespace", ns, "daemonset", name},
              w.replicasReady());
      case "Job" -> addJob(out, w, new String[] {"namespace", ns, "job_name", name});
      default -> {
        // ReplicaSets and CronJobs: their families are not part of this set.
      }
    }
  }

  private static void addJob(SeriesCollector out, WorkloadInfo w, String[] job) {
    out.add("kube_job_status_succeeded", job, w.succeeded());
    out.add("kube_job_status_active", job, w.replicasAvailable());
    addJobFailed(out, w, job);
    ObjectRef owner = w.owner();
    out.add(
        "kube_job_owner",
        job,
        1,
        "owner_kind",
        owner == null ? "" : owner.kind(),
        "owner_name",
        owner == null ? "" : owner.name(),
        "owner_is_controller",
        owner == null ? "" : "true");
  }

  /**
   * KSM's shape: one reasonless 0 while nothing failed; once pods failed, a 1/0 series per known
   * reason when the Job has its Failed condition, and the failed count without a reason when the
   * reason is none of the known ones (or the Job has not failed as a whole yet).
   */
  private static void addJobFailed(SeriesCollector out, WorkloadInfo w, String[] job) {
    if (w.failed() == 0) {
      out.add("kube_job_status_failed", job, 0);
      return;
    }
    boolean known = false;
    if ("Failed".equals(w.jobOutcome())) {
      for (String reason : JOB_FAILURE_REASONS) {
        boolean is = reason.equals(w.failureReason());
        known |= is;
        out.add("kube_job_status_failed", job, is ? 1 : 0, "reason", reason);
      }
    }
    if (!known) {
      out.add("kube_job_status_failed", job, w.failed());
    }
  }
}
