package io.moraine.graph.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataDelete;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.update.UpdateRequest;

/**
 * Turns deltas into the one SPARQL Update that makes exactly their real changes on a remote
 * dataset: which quads are present is asked first (one {@code SELECT ... VALUES} per delta), so
 * absent deletes and present adds are left out and counted as no change.
 */
record RemoteDelta(UpdateRequest request, long changes) {

  static RemoteDelta plan(List<GraphStore.Delta> deltas, Function<Query, List<List<Node>>> select) {
    List<Quad> deletes = new ArrayList<>();
    List<Quad> adds = new ArrayList<>();
    for (GraphStore.Delta d : deltas) {
      Node g = Names.check(d.graph());
      Set<Triple> present = present(g, d, select);
      Set<Triple> after = new HashSet<>(present);
      for (Triple t : new LinkedHashSet<>(d.deletes())) {
        if (after.remove(t)) {
          deletes.add(Quad.create(g, t));
        }
      }
      for (Triple t : new LinkedHashSet<>(d.adds())) {
        if (after.add(t)) {
          adds.add(Quad.create(g, t));
        }
      }
    }
    UpdateRequest request = new UpdateRequest();
    if (!deletes.isEmpty()) {
      request.add(new UpdateDataDelete(new QuadDataAcc(deletes)));
    }
    if (!adds.isEmpty()) {
      request.add(new UpdateDataInsert(new QuadDataAcc(adds)));
    }
    return new RemoteDelta(request, deletes.size() + adds.size());
  }

  private static Set<Triple> present(
      Node g, GraphStore.Delta d, Function<Query, List<List<Node>>> select) {
    Set<Triple> asked = new LinkedHashSet<>(d.deletes());
    asked.addAll(d.adds());
    Set<Triple> present = new HashSet<>();
    if (asked.isEmpty()) {
      return present;
    }
    StringBuilder q = new StringBuilder("SELECT ?s ?p ?o { VALUES (?s ?p ?o) {");
    for (Triple t : asked) {
      if (t.getSubject().isBlank() || t.getObject().isBlank()) {
        throw new InvalidWriteException(
            "a delta for a remote store cannot hold blank nodes: " + NodeFmtLib.strNT(t));
      }
      q.append(" (")
          .append(NodeFmtLib.strNT(t.getSubject()))
          .append(' ')
          .append(NodeFmtLib.strNT(t.getPredicate()))
          .append(' ')
          .append(NodeFmtLib.strNT(t.getObject()))
          .append(')');
    }
    q.append(" } GRAPH ").append(NodeFmtLib.strNT(g)).append(" { ?s ?p ?o } }");
    for (List<Node> row : select.apply(QueryFactory.create(q.toString()))) {
      present.add(Triple.create(row.get(0), row.get(1), row.get(2)));
    }
    return present;
  }
}
