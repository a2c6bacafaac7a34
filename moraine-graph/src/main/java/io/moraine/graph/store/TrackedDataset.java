package io.moraine.graph.store;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphReadOnly;

/**
 * The dataset a SPARQL Update runs against in the TDB2 store: every add and delete passes through
 * here, so the store learns which named graphs really changed (for their tags) and by how many
 * quads; the default graph reads as the union of the named graphs and cannot be written. Used by
 * one thread inside one write transaction.
 */
final class TrackedDataset extends DatasetGraphChanges {
  private final Recorder recorder;

  private TrackedDataset(DatasetGraph base, Recorder recorder) {
    super(base, recorder);
    this.recorder = recorder;
  }

  static TrackedDataset over(DatasetGraph base) {
    return new TrackedDataset(base, new Recorder(base));
  }

  /** Graphs with at least one real change. */
  Set<Node> changedGraphs() {
    return recorder.changed;
  }

  /** Quads added minus quads deleted. */
  long quadDelta() {
    return recorder.delta;
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
    if (g == Node.ANY) {
      return get().findNG(Node.ANY, s, p, o);
    }
    return get().find(Quad.isDefaultGraph(g) ? Quad.unionGraph : g, s, p, o);
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

  /** Sees each change just before it reaches the base dataset. */
  private static final class Recorder extends RDFChangesBase {
    private final DatasetGraph base;
    private final Set<Node> changed = new HashSet<>();
    private long delta;

    Recorder(DatasetGraph base) {
      this.base = base;
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
      refuseDefault(g);
      if (!base.contains(g, s, p, o)) {
        changed.add(g);
        delta++;
      }
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
      refuseDefault(g);
      if (base.contains(g, s, p, o)) {
        changed.add(g);
        delta--;
      }
    }

    private static void refuseDefault(Node g) {
      if (g == null || Quad.isDefaultGraph(g) || Quad.isUnionGraph(g)) {
        throw new InvalidWriteException(
            "the update writes the default graph; only named graphs can be written");
      }
    }
  }
}
