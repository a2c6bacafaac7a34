package io.moraine.graph.sync;

import io.moraine.graph.store.GraphStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.util.iterator.ExtendedIterator;

/** Graph difference between what a graph holds and what it should hold. */
final class Diff {
  private Diff() {}

  /**
   * The delta that turns {@code current} into {@code wanted}, or null when they already hold the
   * same triples.
   *
   * @throws IllegalStateException when {@code wanted} holds a blank node (it could never match the
   *     store's copy, so every diff would rewrite it)
   */
  static GraphStore.@org.jspecify.annotations.Nullable Delta of(
      Node name, Graph current, Graph wanted) {
    List<Triple> deletes = new ArrayList<>();
    List<Triple> adds = new ArrayList<>();
    ExtendedIterator<Triple> it = current.find();
    try {
      while (it.hasNext()) {
        Triple t = it.next();
        if (!wanted.contains(t)) {
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
