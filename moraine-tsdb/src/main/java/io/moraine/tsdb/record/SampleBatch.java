package io.moraine.tsdb.record;

import java.util.Arrays;

/**
 * A reusable column batch of float samples {@code (ref, t, v)}: what a SAMPLES record holds. The
 * arrays grow geometrically and are kept across {@link #clear()}, so a decoder that refills the
 * same batch allocates nothing per sample. Not thread-safe.
 */
public final class SampleBatch {
  /** Why 256: one scrape of a small target; larger scrapes grow the arrays a few times, once. */
  private static final int INITIAL_CAPACITY = 256;

  private int[] refs;
  private long[] ts;
  private double[] vs;
  private int size;

  public SampleBatch() {
    this(INITIAL_CAPACITY);
  }

  public SampleBatch(int initialCapacity) {
    int c = Math.max(1, initialCapacity);
    refs = new int[c];
    ts = new long[c];
    vs = new double[c];
  }

  public void add(int ref, long t, double v) {
    if (size == refs.length) {
      ensureCapacity(size + 1);
    }
    refs[size] = ref;
    ts[size] = t;
    vs[size] = v;
    size++;
  }

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  public int ref(int i) {
    return refs[check(i)];
  }

  /** Timestamp in ms since the epoch. */
  public long t(int i) {
    return ts[check(i)];
  }

  public double v(int i) {
    return vs[check(i)];
  }

  /** Grows the arrays to hold at least {@code capacity} samples (geometrically). */
  public void ensureCapacity(int capacity) {
    if (capacity > refs.length) {
      int c = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(capacity, 2L * refs.length));
      refs = Arrays.copyOf(refs, c);
      ts = Arrays.copyOf(ts, c);
      vs = Arrays.copyOf(vs, c);
    }
  }

  // Direct array access for the codec in this package: it fills and reads without bounds checks
  // per accessor call.
  int[] refs() {
    return refs;
  }

  long[] ts() {
    return ts;
  }

  double[] vs() {
    return vs;
  }

  void size(int newSize) {
    this.size = newSize;
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("sample " + i + " of " + size);
    }
    return i;
  }
}
