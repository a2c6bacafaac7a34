package io.moraine.graph.store;

import org.apache.jena.graph.Node;
import org.jspecify.annotations.Nullable;

/** The {@code If-Match} rule both stores apply. */
final class IfMatch {
  private IfMatch() {}

  /**
   * Throws {@link PreconditionFailedException} unless {@code ifMatch} is null, or is {@code "*"}
   * and the graph exists, or equals its current tag.
   */
  static void check(Node graph, @Nullable String current, @Nullable String ifMatch) {
    if (ifMatch == null) {
      return;
    }
    if (current == null) {
      throw new PreconditionFailedException(
          "If-Match " + ifMatch + ": graph " + graph + " does not exist");
    }
    if (!ifMatch.equals("*") && !ifMatch.equals(current)) {
      throw new PreconditionFailedException(
          "If-Match " + ifMatch + ": graph " + graph + " has tag " + current);
    }
  }
}
