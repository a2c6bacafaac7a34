package io.moraine.logs.logql.engine;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A binary heap of {@link StreamSource}s, each positioned on an entry, ordered by a merge order on
 * their current entries. Not thread-safe.
 *
 * @param <S> the kind of source
 */
final class SourceMerge<S extends StreamSource> {
  private final Comparator<? super S> order;
  private StreamSource[] heap = new StreamSource[16];
  private int size;

  SourceMerge(Comparator<? super S> order) {
    this.order = order;
  }

  /** Adds a source positioned on an entry. */
  void add(S source) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(source, at(parent))) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = source;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The source holding the next entry. */
  S top() {
    return at(0);
  }

  /** Advances the top source and restores the heap order, dropping it when exhausted. */
  void advanceTop() {
    if (!heap[0].advance()) {
      heap[0] = heap[--size];
      if (size == 0) {
        return;
      }
    }
    S s = at(0);
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(at(right), at(child))) {
        child = right;
      }
      if (!before(at(child), s)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = s;
  }

  private boolean before(S a, S b) {
    return order.compare(a, b) < 0;
  }

  @SuppressWarnings("unchecked") // only S is ever stored
  private S at(int i) {
    return (S) heap[i];
  }
}
