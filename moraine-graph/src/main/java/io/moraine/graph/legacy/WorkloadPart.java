package io.moraine.graph.legacy;

import static io.moraine.graph.legacy.LegacyVocabulary.*;

import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.Resources;
import io.moraine.kube.model.WorkloadInfo;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workloads as {@code glc:AssignedTask}s: requests as soft and limits as hard constraints, the
 * network and energy constraints from pod-template annotations, owner links, the scheduler.
 */
final class WorkloadPart {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadPart.class);
  private static final String ANNOTATION_PREFIX = "glaciation-project.eu/";

  /** A constraint from a Kubernetes resource amount: its name, unit and aspect. */
  private record FromResource(String resource, String name, String unit) {}

  private static final List<FromResource> RESOURCES =
      List.of(
          new FromResource("cpu", "CPU", "Core"),
          new FromResource("nvidia.com/gpu", "GPU", "Count"),
          new FromResource("memory", "RAM", "Bytes"),
          new FromResource("ephemeral-storage", "Storage", "Bytes"));

  /** A constraint from a pod-template annotation {@code glaciation-project.eu/<key>}. */
  private record FromAnnotation(
      String key, String name, boolean hard, String unit, String aspect) {}

  private static final List<FromAnnotation> ANNOTATIONS =
      List.of(
          new FromAnnotation("energy-allocated", "Energy", false, "Milliwatt", POWER),
          new FromAnnotation("energy-capacity", "Energy", true, "Milliwatt", POWER),
          new FromAnnotation("network-allocated", "Network", false, "Bytes", PERFORMANCE),
          new FromAnnotation("network-capacity", "Network", true, "Bytes", PERFORMANCE));

  private WorkloadPart() {}

  /** The identity triples of a task ({@code cluster:<name>}, the kind as its description). */
  static Node task(LegacyGraphBuilder b, ObjectRef ref) {
    return b.resource(b.cluster(ref.name()), ASSIGNED_TASK, ref.kind());
  }

  /**
   * {@code owner hasSubTask child} for a Deployment's ReplicaSet, {@code owner makes child} else.
   */
  static void ownerLink(LegacyGraphBuilder b, ObjectRef owner, Node child) {
    b.add(task(b, owner), "Deployment".equals(owner.kind()) ? HAS_SUB_TASK : MAKES, child);
  }

  static void render(LegacyGraphBuilder b, WorkloadInfo w) {
    Node task = task(b, w.ref());
    b.add(b.scheduler(DEFAULT_SCHEDULER), ASSIGNS, task);
    if (w.owner() != null) {
      ownerLink(b, w.owner(), task);
    }
    for (FromResource r : RESOURCES) {
      constraint(b, task, w.requests(), r, false);
      constraint(b, task, w.limits(), r, true);
    }
    Map<String, String> annotations = w.podTemplateAnnotations();
    for (FromAnnotation a : ANNOTATIONS) {
      String raw = annotations.get(ANNOTATION_PREFIX + a.key());
      if (raw == null) {
        continue;
      }
      double v = Quantity.parse(raw);
      if (Double.isFinite(v)) {
        b.constraint(task, a.name(), a.hard(), v, a.unit(), a.aspect());
      } else {
        LOG.atWarn()
            .addKeyValue("workload", w.ref().key())
            .addKeyValue("annotation", ANNOTATION_PREFIX + a.key())
            .addKeyValue("value", raw)
            .log("ignoring a constraint annotation that is not a number");
      }
    }
  }

  private static void constraint(
      LegacyGraphBuilder b, Node task, Resources amounts, FromResource r, boolean hard) {
    double v = amounts.get(r.resource());
    if (Double.isFinite(v)) {
      b.constraint(task, r.name(), hard, v, r.unit(), PERFORMANCE);
    }
  }
}
