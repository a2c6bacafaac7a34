package io.moraine.bench.logs;

/** A binary min-heap of stream ids ordered by their next time; primitive, no boxing. */
final class TimeHeap {
  private final int[] ids;
  private final long[] times;
  private int size;

  TimeHeap(int capacity) {
    ids = new int[capacity];
    times = new long[capacity];
  }

  boolean isEmpty() {
    return size == 0;
  }

  int topId() {
    return ids[0];
  }

  long topTime() {
    return times[0];
  }

  void add(int id, long time) {
    ids[size] = id;
    times[size] = time;
    up(size++);
  }

  /** Gives the top a new time and restores the order. */
  void replaceTop(long time) {
    times[0] = time;
    down(0);
  }

  void removeTop() {
    size--;
    ids[0] = ids[size];
    times[0] = times[size];
    down(0);
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (less(parent, i)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void down(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
      if (less(i, m)) {
        return;
      }
      swap(i, m);
      i = m;
    }
  }

  /** Earlier time first; equal times by id, so the order is deterministic. */
  private boolean less(int a, int b) {
    return times[a] < times[b] || (times[a] == times[b] && ids[a] < ids[b]);
  }

  private void swap(int a, int b) {
    int id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
    long t = times[a];
    times[a] = times[b];
    times[b] = t;
  }
}
