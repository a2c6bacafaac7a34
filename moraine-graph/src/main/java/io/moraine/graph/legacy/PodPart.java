package io.moraine.graph.legacy;

import static io.moraine.graph.legacy.LegacyVocabulary.*;

import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.PodInfo;
import java.time.Instant;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.jspecify.annotations.Nullable;

/**
 * Pods ({@code cluster:<ns>.<pod>}) with their node, owner, status, containers (init containers
 * included) and measurements, and the scheduler that manages them.
 */
final class PodPart {
  private PodPart() {}

  /** The key pod measurements use: {@code <namespace>.<pod>}. */
  static String key(PodInfo p) {
    return p.ref().namespace() + "." + p.ref().name();
  }

  /**
   * One pod. A pod gone from the API ({@code departed}, or {@code deletedAt} set) is reported with
   * its end: a pod deleted while Running as Succeeded (as the original did), its unfinished
   * containers as terminated, both ending at the deletion.
   */
  static void render(
      LegacyGraphBuilder b, PodInfo p, boolean departed, List<LegacyMeasurement> measured) {
    Node pod = b.cluster(p.ref().namespace(), p.ref().name());
    b.resource(pod, WORK_PRODUCING_RESOURCE, "Pod");
    b.add(pod, K8S_HAS_NAME, NodeFactory.createLiteralString(p.ref().name()));
    if (!p.nodeName().isEmpty()) {
      b.add(pod, CONSUMES, NodePart.node(b, p.nodeName()));
    }
    if (p.owner() != null) {
      WorkloadPart.ownerLink(b, p.owner(), pod);
    }
    boolean gone = departed || p.deletedAt() != null;
    @Nullable Instant goneAt = gone ? endOfLife(b, p) : null;
    String phase = gone && "Running".equals(p.phase()) ? "Succeeded" : p.phase();
    boolean terminal = gone || "Succeeded".equals(phase) || "Failed".equals(phase);
    @Nullable Instant end = terminal ? (p.finishedAt() != null ? p.finishedAt() : goneAt) : null;
    b.status(pod, phase, p.startedAt(), end);
    Node scheduler = b.scheduler(p.schedulerName());
    b.add(scheduler, MANAGES, pod);
    for (ContainerInfo c : p.initContainers()) {
      container(b, pod, scheduler, c, goneAt);
    }
    for (ContainerInfo c : p.containers()) {
      container(b, pod, scheduler, c, goneAt);
    }
    for (LegacyMeasurement lm : measured) {
      LegacyQuery q = lm.query();
      String tail = q.measurementId() + "." + lm.timestampMillis();
      Node m =
          LegacyGraphBuilder.child(
              pod, q.subresource().isEmpty() ? tail : q.subresource() + "." + tail);
      b.measurement(
          pod,
          m,
          q.property(),
          q.unit(),
          q.source(),
          lm.value(),
          lm.timestampMillis(),
          q.aggregation());
    }
  }

  private static void container(
      LegacyGraphBuilder b, Node pod, Node scheduler, ContainerInfo c, @Nullable Instant goneAt) {
    Node node = LegacyGraphBuilder.child(pod, c.name());
    b.resource(node, WORK_PRODUCING_RESOURCE, "Container");
    b.add(pod, HAS_SUB_RESOURCE, node);
    b.add(scheduler, MANAGES, node);
    if (!c.containerId().isEmpty()) {
      b.add(node, K8S_HAS_CONTAINER_ID, NodeFactory.createLiteralString(c.containerId()));
    }
    b.add(node, K8S_HAS_CONTAINER_NAME, NodeFactory.createLiteralString(c.name()));
    boolean closed = goneAt != null && !"terminated".equals(c.state());
    String state = closed ? "terminated" : c.state();
    @Nullable Instant end =
        closed ? goneAt : "terminated".equals(c.state()) ? c.finishedAt() : null;
    b.status(node, state, c.startedAt(), end);
  }

  private static Instant endOfLife(LegacyGraphBuilder b, PodInfo p) {
    if (p.deletedAt() != null) {
      return p.deletedAt();
    }
    return p.finishedAt() != null ? p.finishedAt() : Instant.ofEpochMilli(b.nowMillis());
  }
}
