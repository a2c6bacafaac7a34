package io.moraine.graph.sync;

import io.moraine.graph.store.GraphStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.util.iterator.ExtendedIterator;

/** Graph difference between what a graph holds and what it should hold. */
final class Diff {
  private Diff() {}

  /**
   * The delta that turns {@code current} into {@code wanted} (literals compared by value), or null
   * when they already hold the same triples.
   *
   * @throws IllegalStateException when {@code wanted} holds a blank node (it could never match the
   *     store's copy, so every diff would rewrite it)
   */
  static GraphStore.@org.jspecify.annotations.Nullable Delta of(
      Node name, Graph current, Graph wanted) {
    List<Triple> deletes = new ArrayList<>();
    List<Triple> adds = new ArrayList<>();
    // compared by value, as TDB2 does: it stores numbers and times as values and gives them back in
    // their canonical form ("4"^^xsd:decimal comes back as "4.0"), which a term comparison would
    // delete and then, the store holding the value still, never add back
    Graph wantedByValue = GraphMemFactory.createDefaultGraphSameValue();
    GraphUtil.addInto(wantedByValue, wanted);
    ExtendedIterator<Triple> it = current.find();
    try {
      while (it.hasNext()) {
        Triple t = it.next();
        if (!wantedByValue.contains(t)) {
          deletes.add(t);
        }
      }
    } finally {
      it.close();
    }
    it = wanted.find();
    try {
      while (it.hasNext()) {
        Triple t = it.next();
        if (t.getSubject().isBlank() || t.getObject().isBlank()) {
          throw new IllegalStateException(
              "BUG: the renderer wrote a blank node into " + name + ": " + t);
        }
        if (!current.contains(t)) {
          adds.add(t);
        }
      }
    } finally {
      it.close();
    }
    return deletes.isEmpty() && adds.isEmpty() ? null : new GraphStore.Delta(name, deletes, adds);
  }
}
