package io.moraine.graph.store;

import java.util.Iterator;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphReadOnly;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphReadOnly;

/**
 * A read-only view of a dataset whose default graph is the union of its named graphs: what {@link
 * GraphStore#read} hands out, so the stored default graph (the TDB2 store's bookkeeping) stays
 * hidden. Valid only inside the transaction it was made in.
 */
final class UnionView extends DatasetGraphReadOnly {
  UnionView(DatasetGraph base) {
    super(base);
  }

  @Override
  public Graph getDefaultGraph() {
    return new GraphReadOnly(get().getUnionGraph());
  }

  @Override
  public Graph getGraph(Node graphNode) {
    return Quad.isDefaultGraph(graphNode) ? getDefaultGraph() : super.getGraph(graphNode);
  }

  @Override
  public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
    if (g == null || g == Node.ANY) {
      return get().findNG(Node.ANY, s, p, o);
    }
    if (Quad.isDefaultGraph(g)) {
      return get().find(Quad.unionGraph, s, p, o);
    }
    return get().find(g, s, p, o);
  }

  @Override
  public Iterator<Quad> find() {
    return get().findNG(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
  }

  @Override
  public Iterator<Quad> find(Quad q) {
    return find(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
  }

  @Override
  public boolean contains(Node g, Node s, Node p, Node o) {
    return find(g, s, p, o).hasNext();
  }

  @Override
  public boolean contains(Quad q) {
    return contains(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
  }
}
