package io.moraine.tsdb.index;

import org.jspecify.annotations.Nullable;

/**
 * Decodes the series entries written by {@link SeriesEncoder}, one after another from the start of
 * a restart group. After {@link #next} the entry's name and value ordinals are in {@link #names}
 * and {@link #values}. Not thread-safe; one per lookup.
 */
final class SeriesDecoder {
  private final int[] valueCounts;
  int[] names = new int[16];
  int[] values = new int[16];
  int count = -1;
  private long firstMint;
  private long firstSpan;
  private long lastRef;

  /** {@code valueCounts[nameOrdinal]} bounds the value ordinals of each name. */
  SeriesDecoder(int[] valueCounts) {
    this.valueCounts = valueCounts;
  }

  /** Decodes the entry at the cursor; chunk metas go to {@code chunks} when not null. */
  void next(Cursor c, boolean restart, @Nullable ChunkMetas chunks) {
    if (restart) {
      count = -1;
      firstMint = 0;
      firstSpan = 0;
      lastRef = 0;
    }
    long head = c.uvarint();
    boolean sameNames = (head & 1) != 0;
    long n = head >>> 1;
    if (sameNames ? n != count : n > valueCounts.length) {
      throw c.corrupt("bad label count " + n);
    }
    int k = (int) n;
    if (names.length < k) {
      names = new int[k * 2];
      values = new int[k * 2];
    }
    if (sameNames) {
      for (int j = 0; j < k; j++) {
        long v = values[j] + c.varint();
        if (v < 0 || v >= valueCounts[names[j]]) {
          throw c.corrupt("value ordinal " + v + " out of range");
        }
        values[j] = (int) v;
      }
    } else {
      int prev = -1;
      for (int j = 0; j < k; j++) {
        prev = prev + 1 + c.uvarintBelow(valueCounts.length - prev - 1L, "label name ordinal gap");
        names[j] = prev;
      }
      for (int j = 0; j < k; j++) {
        values[j] = c.uvarintBelow(valueCounts[names[j]], "label value ordinal");
      }
    }
    count = k;
    decodeChunks(c, chunks);
  }

  private void decodeChunks(Cursor c, @Nullable ChunkMetas out) {
    if (out != null) {
      out.clear();
    }
    long n = c.uvarint();
    if (n == 0) {
      return;
    }
    if (n < 0 || n > c.remaining()) {
      throw c.corrupt("bad chunk count " + n);
    }
    long mint = firstMint + c.varint();
    long span = firstSpan + c.varint();
    long ref = lastRef + c.varint();
    firstMint = mint;
    firstSpan = span;
    long maxt = mint + span;
    if (out != null) {
      out.add(ref, mint, maxt);
    }
    for (long k = 1; k < n; k++) {
      mint = maxt + c.varint();
      maxt = mint + c.uvarint();
      ref = ref + c.varint();
      if (out != null) {
        out.add(ref, mint, maxt);
      }
    }
    lastRef = ref;
  }
}
