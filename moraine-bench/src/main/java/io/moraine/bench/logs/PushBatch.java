package io.moraine.bench.logs;

import java.util.Arrays;

/**
 * The entries of one push request as the corpus gives them (time order across streams), in flat
 * arrays reused from batch to batch. Not thread-safe.
 */
final class PushBatch {
  private int[] streams = new int[1024];
  private long[] times = new long[1024];
  private int[] offsets = new int[1024];
  private int[] lengths = new int[1024];
  private byte[] lines = new byte[1 << 21];
  private int size;
  private int lineBytes;

  void clear() {
    size = 0;
    lineBytes = 0;
  }

  /** Adds an entry; {@code line[off, off + len)} is copied. */
  void add(int stream, long nanos, byte[] line, int off, int len) {
    if (size == streams.length) {
      int n = size * 2;
      streams = Arrays.copyOf(streams, n);
      times = Arrays.copyOf(times, n);
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
    }
    if (lineBytes + len > lines.length) {
      lines = Arrays.copyOf(lines, Math.max(lines.length * 2, lineBytes + len));
    }
    System.arraycopy(line, off, lines, lineBytes, len);
    streams[size] = stream;
    times[size] = nanos;
    offsets[size] = lineBytes;
    lengths[size] = len;
    lineBytes += len;
    size++;
  }

  int size() {
    return size;
  }

  /** The bytes of all lines in the batch (the figure Promtail's batch size limits). */
  int lineBytes() {
    return lineBytes;
  }

  int stream(int i) {
    return streams[i];
  }

  long nanos(int i) {
    return times[i];
  }

  int offset(int i) {
    return offsets[i];
  }

  int length(int i) {
    return lengths[i];
  }

  byte[] lines() {
    return lines;
  }
}
