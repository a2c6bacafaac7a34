package io.moraine.graph.render;

import io.moraine.kube.model.ObjectRef;
import java.util.Locale;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The moraine profile's IRIs: entities under the base, their graphs under {@code graph/}. */
final class Iris {
  static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob");

  private final String base;

  Iris(String base) {
    this.base = base;
  }

  /**
   * The path of {@code ref}'s entity after the base ({@code pod/default/web-1}), which is also the
   * id of its subgraph.
   *
   * @throws IllegalArgumentException for a kind the graph does not hold
   */
  static String path(ObjectRef ref) {
    String kind = ref.kind();
    if (WORKLOAD_KINDS.contains(kind)) {
      return "workload/"
          + segment(ref.namespace())
          + "/"
          + kind.toLowerCase(Locale.ROOT)
          + "/"
          + segment(ref.name());
    }
    return switch (kind) {
      case "Node" -> "node/" + segment(ref.name());
      case "Pod" -> "pod/" + segment(ref.namespace()) + "/" + segment(ref.name());
      case "Namespace" -> "namespace/" + segment(ref.name());
      case "PersistentVolumeClaim" -> "pvc/" + segment(ref.namespace()) + "/" + segment(ref.name());
      default ->
          throw new IllegalArgumentException("no graph for kind " + kind + " (" + ref.key() + ")");
    };
  }

  Node entity(ObjectRef ref) {
    return iri(path(ref));
  }

  Node site() {
    return iri("site");
  }

  Node graph(String path) {
    return iri("graph/" + path);
  }

  Node history() {
    return iri("graph/history");
  }

  Node service(String name) {
    return iri("service/" + name);
  }

  Node iri(String path) {
    return NodeFactory.createURI(base + path);
  }

  /** {@code parent}/{@code more}. */
  static Node under(Node parent, String more) {
    return NodeFactory.createURI(parent.getURI() + "/" + more);
  }

  /** {@code s} as one IRI path segment ({@link IriSegments#encode}). */
  static String segment(String s) {
    return IriSegments.encode(s);
  }
}
