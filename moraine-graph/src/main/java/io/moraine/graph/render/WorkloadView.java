package io.moraine.graph.render;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.Resources;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.jspecify.annotations.Nullable;

/**
 * A workload's state graph: identity, labels, annotations, images, requests as soft and limits as
 * hard constraints per resource, the nodes its pods run on, replica counts, status and the link to
 * its telemetry.
 */
final class WorkloadView {
  private final Iris iris;

  WorkloadView(Iris iris) {
    this.iris = iris;
  }

  Graph render(WorkloadInfo w, ClusterState now) {
    Emit e = new Emit();
    ObjectRef ref = w.ref();
    Node wl = iris.entity(ref);
    e.type(wl, Vocab.Glc.ASSIGNED_TASK, Vocab.K8s.WORKLOAD, kindClass(ref.kind()));
    Common.identity(e, iris, wl, ref, w.createdAt());
    e.pairs(wl, w.labels(), true);
    e.pairs(wl, w.annotations(), false);
    for (String image : new LinkedHashSet<>(w.images())) {
      e.text(wl, Vocab.Mor.IMAGE, image);
    }
    ObjectRef owner = w.owner();
    if (owner != null && Iris.WORKLOAD_KINDS.contains(owner.kind())) {
      e.add(wl, Vocab.Mor.OWNER, iris.entity(owner));
    }
    constraints(e, wl, w.requests(), Vocab.Glc.SOFT_CONSTRAINT, "soft");
    constraints(e, wl, w.limits(), Vocab.Glc.HARD_CONSTRAINT, "hard");
    for (String node : nodesOf(ref, now)) {
      e.add(wl, Vocab.Glc.CONSUMES, iris.entity(new ObjectRef("Node", "", node, "")));
    }
    if (!ref.kind().equals("CronJob")) {
      e.integer(wl, Vocab.Mor.REPLICAS_DESIRED, w.replicasDesired());
      e.integer(wl, Vocab.Mor.REPLICAS_READY, w.replicasReady());
      e.integer(wl, Vocab.Mor.REPLICAS_AVAILABLE, w.replicasAvailable());
    }
    e.text(wl, Vocab.Mor.SCHEDULE, w.schedule());
    Node st = e.status(wl, phase(w), w.createdAt(), end(w));
    if (!w.jobOutcome().isEmpty()) {
      e.text(st, Vocab.Mor.REASON, w.jobOutcome());
    }
    e.add(wl, Vocab.Mor.HAS_TELEMETRY, TelemetryView.telemetryOf(wl));
    return e.graph();
  }

  static Node kindClass(String kind) {
    return switch (kind) {
      case "Deployment" -> Vocab.K8s.DEPLOYMENT_WORKLOAD;
      case "StatefulSet" -> Vocab.K8s.STATEFUL_SET_WORKLOAD;
      case "DaemonSet" -> Vocab.K8s.DAEMON_SET_WORKLOAD;
      case "Job" -> Vocab.K8s.JOB_WORKLOAD;
      case "ReplicaSet" -> Vocab.Mor.REPLICA_SET_WORKLOAD;
      case "CronJob" -> Vocab.Mor.CRON_JOB_WORKLOAD;
      default -> throw new IllegalArgumentException("not a workload kind: " + kind);
    };
  }

  /**
   * {@code Stopped} once deleted; a Job's {@code Succeeded} or {@code Failed}; {@code Running} with
   * a ready replica (a CronJob: {@code Active}); else {@code Pending}.
   */
  static String phase(WorkloadInfo w) {
    if (w.deletedAt() != null) {
      return "Stopped";
    }
    if (w.jobOutcome().equals("Complete")) {
      return "Succeeded";
    }
    if (w.jobOutcome().equals("Failed")) {
      return "Failed";
    }
    if (w.ref().kind().equals("CronJob")) {
      return "Active";
    }
    return w.replicasReady() > 0 ? "Running" : "Pending";
  }

  private static @Nullable Instant end(WorkloadInfo w) {
    Instant deleted = w.deletedAt();
    Instant done = w.completedAt();
    if (done != null && (deleted == null || done.isBefore(deleted))) {
      return done;
    }
    return deleted;
  }

  private static void constraints(Emit e, Node wl, Resources r, Node cls, String strength) {
    for (Map.Entry<String, Double> a : r.amounts().entrySet()) {
      if (!Double.isFinite(a.getValue())) {
        continue;
      }
      Node c = Iris.under(wl, "constraint/" + strength + "/" + Common.resourceSegment(a.getKey()));
      e.add(wl, Vocab.Glc.HAS_CONSTRAINT, c);
      e.type(c, cls);
      e.text(c, Vocab.Mor.RESOURCE, a.getKey());
      e.number(c, Vocab.Glc.HAS_VALUE, a.getValue());
      e.add(c, Vocab.Glc.MEASURED_IN, Common.unitOf(a.getKey()));
    }
  }

  /** The nodes the pods of {@code ref} run on (pods whose workload or owner it is), sorted. */
  private static Set<String> nodesOf(ObjectRef ref, ClusterState now) {
    Set<String> nodes = new TreeSet<>();
    for (PodInfo p : now.pods().values()) {
      if (p.nodeName().isEmpty()) {
        continue;
      }
      if (same(ref, p.workload()) || same(ref, p.owner())) {
        nodes.add(p.nodeName());
      }
    }
    return nodes;
  }

  private static boolean same(ObjectRef a, @Nullable ObjectRef b) {
    return b != null && a.key().equals(b.key());
  }
}
