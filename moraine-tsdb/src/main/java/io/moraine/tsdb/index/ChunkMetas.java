package io.moraine.tsdb.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reusable, growable list of chunk metas in three primitive arrays, so that reading a series'
 * chunks allocates nothing once the holder has grown. Not thread-safe: one holder per reading
 * thread; {@link IndexReader#chunks} clears it before filling.
 */
public final class ChunkMetas {
  private long[] refs;
  private long[] mints;
  private long[] maxts;
  private int size;

  public ChunkMetas() {
    this(4);
  }

  public ChunkMetas(int initialCapacity) {
    int c = Math.max(1, initialCapacity);
    refs = new long[c];
    mints = new long[c];
    maxts = new long[c];
  }

  public int size() {
    return size;
  }

  /** The chunk reference of entry {@code i}; {@code i} must be below {@link #size()}. */
  public long ref(int i) {
    return refs[check(i)];
  }

  public long mint(int i) {
    return mints[check(i)];
  }

  public long maxt(int i) {
    return maxts[check(i)];
  }

  public void clear() {
    size = 0;
  }

  public void add(long ref, long mint, long maxt) {
    if (size == refs.length) {
      int c = size * 2;
      refs = Arrays.copyOf(refs, c);
      mints = Arrays.copyOf(mints, c);
      maxts = Arrays.copyOf(maxts, c);
    }
    refs[size] = ref;
    mints[size] = mint;
    maxts[size] = maxt;
    size++;
  }

  /** Entry {@code i} as a record (allocates; for tests and cold paths). */
  public ChunkMeta get(int i) {
    return new ChunkMeta(ref(i), mint(i), maxt(i));
  }

  /** A copy of all entries as records (allocates; for tests and cold paths). */
  public List<ChunkMeta> toList() {
    List<ChunkMeta> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(get(i));
    }
    return out;
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("chunk " + i + " of " + size);
    }
    return i;
  }
}
