package io.moraine.graph.store;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;

/** Checks on the graph names callers pass. */
final class Names {
  private Names() {}

  /** {@code name} itself when it is an IRI naming an ordinary named graph. */
  static Node check(Node name) {
    if (!name.isURI()) {
      throw new InvalidWriteException("a graph name must be an IRI, got " + name);
    }
    if (Quad.isDefaultGraph(name) || Quad.isUnionGraph(name)) {
      throw new InvalidWriteException(
          "graph name " + name.getURI() + " is reserved for the default graph");
    }
    return name;
  }
}
