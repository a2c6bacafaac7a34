package io.moraine.tsdb.record;

import io.moraine.core.labels.Labels;
import java.util.Arrays;

/**
 * A reusable batch of new series {@code (ref, labels)}: what a SERIES record holds. Arrays grow
 * geometrically and are kept across {@link #clear()}. Not thread-safe.
 */
public final class SeriesBatch {
  /** Why 64: series records are rare and small (new series of one scrape). */
  private static final int INITIAL_CAPACITY = 64;

  private int[] refs = new int[INITIAL_CAPACITY];
  private Labels[] labels = new Labels[INITIAL_CAPACITY];
  private int size;

  public void add(int ref, Labels l) {
    if (size == refs.length) {
      int c = refs.length * 2;
      refs = Arrays.copyOf(refs, c);
      labels = Arrays.copyOf(labels, c);
    }
    refs[size] = ref;
    labels[size] = l;
    size++;
  }

  /** Empties the batch and drops its label references so they can be collected. */
  public void clear() {
    Arrays.fill(labels, 0, size, Labels.EMPTY);
    size = 0;
  }

  public int size() {
    return size;
  }

  public int ref(int i) {
    return refs[check(i)];
  }

  public Labels labels(int i) {
    return labels[check(i)];
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("series " + i + " of " + size);
    }
    return i;
  }
}
