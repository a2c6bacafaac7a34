package io.moraine.ingest.remotewrite.queue;

import io.moraine.core.labels.Labels;

/**
 * One record read from a {@link DiskQueue}: the samples of one committed appender. Immutable
 * content; its acknowledgement count is kept by the queue. Each of its samples must eventually be
 * passed to {@link DiskQueue#release} (sent, or dropped for good) for the queue to move past it.
 */
public final class QueueRecord {
  private final Labels[] series;
  private final int[] seriesIndex;
  private final long[] t;
  private final double[] v;
  final long segment;
  final long endOffset;

  /** Samples not yet released; guarded by the queue's lock. */
  int remaining;

  QueueRecord(
      Labels[] series, int[] seriesIndex, long[] t, double[] v, long segment, long endOffset) {
    this.series = series;
    this.seriesIndex = seriesIndex;
    this.t = t;
    this.v = v;
    this.segment = segment;
    this.endOffset = endOffset;
    this.remaining = t.length;
  }

  /** The number of samples. */
  public int size() {
    return t.length;
  }

  /** The series of sample {@code i}; samples of one series share one {@code Labels} instance. */
  public Labels labels(int i) {
    return series[seriesIndex[i]];
  }

  /** The time of sample {@code i}, ms. */
  public long t(int i) {
    return t[i];
  }

  /** The value of sample {@code i}, bit-exact as appended. */
  public double v(int i) {
    return v[i];
  }
}
