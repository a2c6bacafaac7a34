package io.moraine.tsdb.index;

import java.util.Arrays;

/**
 * Encodes series entries of the series section (docs/format/index.md, "Series"): label pairs as
 * name and value ordinals, delta-coded against the previous series of the same restart group, and
 * chunk metas delta-coded against the previous chunk or series. Not thread-safe.
 */
final class SeriesEncoder {
  private int[] prevNames = new int[16];
  private int[] prevValues = new int[16];
  private int prevCount = -1;
  private long firstMint;
  private long firstSpan;
  private long lastRef;

  /**
   * Appends one entry to {@code out}.
   *
   * @param restart whether this entry starts a restart group (encoded without reference to the
   *     previous series)
   */
  void encode(
      boolean restart,
      int[] names,
      int[] values,
      int n,
      long[] refs,
      long[] mints,
      long[] maxts,
      int chunkCount,
      ByteSink out) {
    if (restart) {
      prevCount = -1;
      firstMint = 0;
      firstSpan = 0;
      lastRef = 0;
    }
    boolean sameNames = n == prevCount && Arrays.equals(names, 0, n, prevNames, 0, n);
    out.putUvarint(((long) n << 1) | (sameNames ? 1 : 0));
    if (sameNames) {
      for (int j = 0; j < n; j++) {
        out.putVarint((long) values[j] - prevValues[j]);
      }
    } else {
      int prev = -1;
      for (int j = 0; j < n; j++) {
        out.putUvarint(names[j] - prev - 1L);
        prev = names[j];
      }
      for (int j = 0; j < n; j++) {
        out.putUvarint(values[j]);
      }
    }
    remember(names, values, n);
    encodeChunks(refs, mints, maxts, chunkCount, out);
  }

  private void remember(int[] names, int[] values, int n) {
    if (prevNames.length < n) {
      prevNames = new int[n * 2];
      prevValues = new int[n * 2];
    }
    System.arraycopy(names, 0, prevNames, 0, n);
    System.arraycopy(values, 0, prevValues, 0, n);
    prevCount = n;
  }

  private void encodeChunks(long[] refs, long[] mints, long[] maxts, int count, ByteSink out) {
    out.putUvarint(count);
    if (count == 0) {
      return;
    }
    long span = maxts[0] - mints[0];
    out.putVarint(mints[0] - firstMint);
    out.putVarint(span - firstSpan);
    out.putVarint(refs[0] - lastRef);
    firstMint = mints[0];
    firstSpan = span;
    for (int k = 1; k < count; k++) {
      out.putVarint(mints[k] - maxts[k - 1]);
      out.putUvarint(maxts[k] - mints[k]);
      out.putVarint(refs[k] - refs[k - 1]);
    }
    lastRef = refs[count - 1];
  }
}
