package io.moraine.graph.render;

import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import java.time.Instant;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.jspecify.annotations.Nullable;

/**
 * A pod's state graph: identity, labels, annotations, the node it consumes, its owner and workload,
 * its claims, its status (phase, start, end) and its containers (init ones included) as
 * sub-resources with their image, state and restarts.
 */
final class PodView {
  private final Iris iris;

  PodView(Iris iris) {
    this.iris = iris;
  }

  Graph render(PodInfo p) {
    Emit e = new Emit();
    ObjectRef ref = p.ref();
    Node pod = iris.entity(ref);
    e.type(pod, Vocab.K8s.POD);
    Common.identity(e, iris, pod, ref, p.createdAt());
    e.pairs(pod, p.labels(), true);
    e.pairs(pod, p.annotations(), false);
    if (!p.nodeName().isEmpty()) {
      e.add(pod, Vocab.Glc.CONSUMES, iris.entity(new ObjectRef("Node", "", p.nodeName(), "")));
    }
    link(e, pod, Vocab.Mor.OWNER, p.owner());
    link(e, pod, Vocab.Mor.WORKLOAD, p.workload());
    for (String claim : p.pvcNames()) {
      e.add(
          pod,
          Vocab.Mor.CLAIMS,
          iris.entity(new ObjectRef("PersistentVolumeClaim", ref.namespace(), claim, "")));
    }
    e.text(pod, Vocab.Mor.QOS_CLASS, p.qosClass());
    e.text(pod, Vocab.Mor.SCHEDULER_NAME, p.schedulerName());
    Node st = e.status(pod, p.phase(), p.startedAt(), end(p.finishedAt(), p.deletedAt()));
    e.text(st, Vocab.Mor.REASON, p.reason());
    for (ContainerInfo c : p.initContainers()) {
      container(e, pod, ref, c);
    }
    for (ContainerInfo c : p.containers()) {
      container(e, pod, ref, c);
    }
    e.add(pod, Vocab.Mor.HAS_TELEMETRY, TelemetryView.telemetryOf(pod));
    return e.graph();
  }

  private void link(Emit e, Node pod, Node p, @Nullable ObjectRef target) {
    if (target != null
        && (Iris.WORKLOAD_KINDS.contains(target.kind()) || target.kind().equals("Node"))) {
      e.add(pod, p, iris.entity(target));
    }
  }

  private static void container(Emit e, Node pod, ObjectRef podRef, ContainerInfo c) {
    Node n = Iris.under(pod, "container/" + Iris.segment(c.name()));
    e.add(pod, Vocab.Glc.HAS_SUB_RESOURCE, n);
    e.type(n, Vocab.K8s.CONTAINER);
    e.text(n, Vocab.Glc.HAS_ID, Iris.path(podRef) + "/container/" + Iris.segment(c.name()));
    e.text(n, Vocab.Mor.NAME, c.name());
    e.text(n, Vocab.K8s.HAS_CONTAINER_IMAGE, c.image());
    e.bool(n, Vocab.Mor.INIT, c.init());
    e.text(n, Vocab.Mor.CONTAINER_ID, c.containerId());
    e.integer(n, Vocab.Mor.RESTART_COUNT, c.restartCount());
    Node st = e.status(n, c.state(), c.startedAt(), c.finishedAt());
    e.text(st, Vocab.Mor.REASON, c.reason());
    Integer exit = c.exitCode();
    if (exit != null) {
      e.integer(st, Vocab.Mor.EXIT_CODE, exit);
    }
  }

  static @Nullable Instant end(@Nullable Instant finished, @Nullable Instant deleted) {
    if (finished != null && (deleted == null || finished.isBefore(deleted))) {
      return finished;
    }
    return deleted;
  }
}
