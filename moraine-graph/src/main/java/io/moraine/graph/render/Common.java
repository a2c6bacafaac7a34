package io.moraine.graph.render;

import io.moraine.kube.model.ObjectRef;
import java.time.Instant;
import org.apache.jena.graph.Node;

/** What every entity carries (id, name, kind, uid, namespace, creation) and resource units. */
final class Common {
  private Common() {}

  static void identity(Emit e, Iris iris, Node entity, ObjectRef ref, Instant createdAt) {
    e.text(entity, Vocab.Glc.HAS_ID, Iris.path(ref));
    e.text(entity, Vocab.Mor.NAME, ref.name());
    e.text(entity, Vocab.Mor.KIND, ref.kind());
    e.text(entity, Vocab.Mor.UID, ref.uid());
    if (!ref.namespace().isEmpty()) {
      e.add(
          entity,
          Vocab.Mor.IN_NAMESPACE,
          iris.entity(new ObjectRef("Namespace", "", ref.namespace(), "")));
    }
    e.time(entity, Vocab.Mor.CREATED, createdAt);
  }

  /** A Kubernetes resource name as a path segment: the GPU vendors' names become {@code gpu}. */
  static String resourceSegment(String resource) {
    if (resource.endsWith("/gpu")) {
      return "gpu";
    }
    return Iris.segment(resource);
  }

  /** The unit of a Kubernetes resource's amount: bytes for memory and storage, else a count. */
  static Node unitOf(String resource) {
    if (resource.equals("memory")
        || resource.equals("ephemeral-storage")
        || resource.equals("storage")
        || resource.startsWith("hugepages-")) {
      return Vocab.Unit.BYTE;
    }
    return Vocab.Unit.NUM;
  }
}
