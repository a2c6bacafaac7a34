package io.moraine.graph.store;

import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.Target;
import org.apache.jena.sparql.modify.request.UpdateBinaryOp;
import org.apache.jena.sparql.modify.request.UpdateData;
import org.apache.jena.sparql.modify.request.UpdateDeleteWhere;
import org.apache.jena.sparql.modify.request.UpdateDropClear;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateRequest;
import org.jspecify.annotations.Nullable;

/**
 * Refuses, before anything runs, SPARQL Updates that would write the default graph: the store keeps
 * named graphs only and its default graph is the (read-only) union of them.
 */
final class UpdateGuard {
  private UpdateGuard() {}

  /**
   * Throws {@link InvalidWriteException} naming the first operation that writes the default graph.
   */
  static void check(UpdateRequest request) {
    List<Update> ops = request.getOperations();
    for (int i = 0; i < ops.size(); i++) {
      String why = reason(ops.get(i));
      if (why != null) {
        throw new InvalidWriteException(
            "update operation " + (i + 1) + " " + why + "; only named graphs can be written");
      }
    }
  }

  private static @Nullable String reason(Update op) {
    return switch (op) {
      case UpdateData data -> quadsReason(data.getQuads(), null, "writes the default graph");
      case UpdateDeleteWhere dw ->
          quadsReason(dw.getQuads(), null, "deletes from the default graph");
      case UpdateModify m -> {
        String del =
            quadsReason(m.getDeleteQuads(), m.getWithIRI(), "deletes from the default graph");
        yield del != null
            ? del
            : quadsReason(m.getInsertQuads(), m.getWithIRI(), "inserts into the default graph");
      }
      case UpdateDropClear dc ->
          dc.isDefault() || dc.isAll()
              ? "drops or clears the default graph (use DROP NAMED or GRAPH <g>)"
              : null;
      case UpdateLoad load ->
          load.getDest() == null ? "loads into the default graph (use INTO GRAPH <g>)" : null;
      case UpdateBinaryOp bin -> binaryReason(bin.getSrc(), bin.getDest());
      default -> null;
    };
  }

  private static @Nullable String binaryReason(Target src, Target dest) {
    if (dest.isDefault()) {
      return "writes the default graph (ADD, COPY or MOVE TO DEFAULT)";
    }
    if (src.isDefault()) {
      return "reads the default graph as a source (name the graph)";
    }
    return null;
  }

  private static @Nullable String quadsReason(List<Quad> quads, @Nullable Node with, String why) {
    boolean defaultIsNamed = with != null && !Quad.isDefaultGraph(with);
    for (Quad q : quads) {
      if (Quad.isDefaultGraph(q.getGraph()) && !defaultIsNamed) {
        return why;
      }
    }
    return null;
  }
}
