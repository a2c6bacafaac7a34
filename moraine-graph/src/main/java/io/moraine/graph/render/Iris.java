package io.moraine.graph.render;

import io.moraine.kube.model.ObjectRef;
import java.nio.charset.StandardCharsets;
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

  /**
   * {@code s} percent-encoded as one IRI path segment: RFC 3986 unreserved characters stay, every
   * other byte of its UTF-8 becomes {@code %XX}.
   */
  static String segment(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
