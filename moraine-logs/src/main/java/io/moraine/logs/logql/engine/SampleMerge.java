package io.moraine.logs.logql.engine;

import java.util.Arrays;

/**
 * A binary heap of {@link SampleSource}s ordered by their current sample's time (then by stream),
 * so that every series receives its samples in time order. Not thread-safe.
 */
final class SampleMerge {
  private SampleSource[] heap = new SampleSource[16];
  private int size;

  void add(SampleSource source) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = source;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(source, heap[parent])) {
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

  SampleSource top() {
    return heap[0];
  }

  /** Advances the top source, dropping it when exhausted. */
  void advanceTop() {
    if (!heap[0].advance()) {
      heap[0] = heap[--size];
      if (size == 0) {
        return;
      }
    }
    SampleSource s = heap[0];
    int i = 0;
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

  private static boolean before(SampleSource a, SampleSource b) {
    long ta = a.timestampNanos();
    long tb = b.timestampNanos();
    return ta != tb ? ta < tb : a.order < b.order;
  }
}
