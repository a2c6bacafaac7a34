package io.moraine.logs.logql.engine;

import io.moraine.core.logs.Direction;
import java.util.Arrays;

/**
 * A binary heap of {@link EntrySource}s ordered by their current entry: by time in the query's
 * direction; equal times by result labels, then by stream. Not thread-safe.
 */
final class EntryMerge {
  private final boolean forward;
  private EntrySource[] heap = new EntrySource[16];
  private int size;

  EntryMerge(Direction direction) {
    this.forward = direction == Direction.FORWARD;
  }

  /** Adds a source positioned on an entry. */
  void add(EntrySource source) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = source;
    up(size++);
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The source holding the next entry to return. */
  EntrySource top() {
    return heap[0];
  }

  /** Advances the top source and restores the heap order, dropping it when exhausted. */
  void advanceTop() {
    if (heap[0].advance()) {
      down(0);
      return;
    }
    heap[0] = heap[--size];
    if (size > 0) {
      down(0);
    }
  }

  private boolean before(EntrySource a, EntrySource b) {
    long ta = a.timestampNanos();
    long tb = b.timestampNanos();
    if (ta != tb) {
      return forward ? ta < tb : ta > tb;
    }
    if (a.labels() != b.labels()) {
      int c = a.labels().compareTo(b.labels());
      if (c != 0) {
        return c < 0;
      }
    }
    return a.order < b.order;
  }

  private void up(int i) {
    EntrySource s = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(s, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = s;
  }

  private void down(int i) {
    EntrySource s = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(heap[right], heap[child])) {
        child = right;
      }
      if (!before(heap[child], s)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = s;
  }
}
