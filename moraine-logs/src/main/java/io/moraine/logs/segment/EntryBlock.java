package io.moraine.logs.segment;

import io.moraine.core.labels.Labels;
import java.util.Arrays;

/**
 * The entries of one block of one stream, decoded: timestamps, line offsets and lengths into one
 * byte array, and metadata. A reusable buffer: {@link #clear()} keeps the arrays. Not thread-safe.
 */
public final class EntryBlock {
  private int count;
  private long[] ts = new long[64];
  private int[] lineOffset = new int[64];
  private int[] lineLength = new int[64];
  private Labels[] meta = new Labels[64];
  private byte[] lines = new byte[4096];
  private int linesLength;

  /** Forgets every entry; keeps the buffers. */
  public void clear() {
    Arrays.fill(meta, 0, count, null);
    count = 0;
    linesLength = 0;
  }

  /** Appends an entry, copying the line. */
  public void add(long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
    ensureEntries(count + 1);
    ensureLines(linesLength + length);
    System.arraycopy(line, offset, lines, linesLength, length);
    ts[count] = timestampNanos;
    lineOffset[count] = linesLength;
    lineLength[count] = length;
    meta[count] = metadata;
    linesLength += length;
    count++;
  }

  public int count() {
    return count;
  }

  public long timestamp(int i) {
    return ts[i];
  }

  public int lineOffset(int i) {
    return lineOffset[i];
  }

  public int lineLength(int i) {
    return lineLength[i];
  }

  public Labels metadata(int i) {
    Labels m = meta[i];
    return m == null ? Labels.EMPTY : m;
  }

  /** The array holding every line; see {@link #lineOffset}. */
  public byte[] lines() {
    return lines;
  }

  /** Total line bytes. */
  public int linesLength() {
    return linesLength;
  }

  /** Sorts the entries by timestamp, keeping the order of equal timestamps. */
  public void sortByTime() {
    boolean sorted = true;
    for (int i = 1; i < count && sorted; i++) {
      sorted = ts[i - 1] <= ts[i];
    }
    if (sorted) {
      return;
    }
    int[] perm = new int[count];
    for (int i = 0; i < count; i++) {
      perm[i] = i;
    }
    mergeSort(perm, new int[count], 0, count);
    long[] nts = new long[ts.length];
    int[] noff = new int[lineOffset.length];
    int[] nlen = new int[lineLength.length];
    Labels[] nmeta = new Labels[meta.length];
    for (int i = 0; i < count; i++) {
      int p = perm[i];
      nts[i] = ts[p];
      noff[i] = lineOffset[p];
      nlen[i] = lineLength[p];
      nmeta[i] = meta[p];
    }
    ts = nts;
    lineOffset = noff;
    lineLength = nlen;
    meta = nmeta;
  }

  private void mergeSort(int[] a, int[] tmp, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid);
    mergeSort(a, tmp, mid, to);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      tmp[k++] = ts[a[j]] < ts[a[i]] ? a[j++] : a[i++];
    }
    while (i < mid) {
      tmp[k++] = a[i++];
    }
    while (j < to) {
      tmp[k++] = a[j++];
    }
    System.arraycopy(tmp, from, a, from, to - from);
  }

  /** Sets the entry arrays for a decode of {@code n} entries; lines are set separately. */
  void reset(int n) {
    clear();
    ensureEntries(n);
  }

  void set(int i, long timestampNanos, int offset, int length, Labels metadata) {
    ts[i] = timestampNanos;
    lineOffset[i] = offset;
    lineLength[i] = length;
    meta[i] = metadata;
  }

  void setCount(int n) {
    count = n;
  }

  byte[] linesBuffer(int capacity) {
    ensureLines(capacity);
    linesLength = capacity;
    return lines;
  }

  private void ensureEntries(int n) {
    if (n > ts.length) {
      int cap = Math.max(n, ts.length * 2);
      ts = Arrays.copyOf(ts, cap);
      lineOffset = Arrays.copyOf(lineOffset, cap);
      lineLength = Arrays.copyOf(lineLength, cap);
      meta = Arrays.copyOf(meta, cap);
    }
  }

  private void ensureLines(int n) {
    if (n > lines.length) {
      lines = Arrays.copyOf(lines, Math.max(n, lines.length * 2));
    }
  }
}
