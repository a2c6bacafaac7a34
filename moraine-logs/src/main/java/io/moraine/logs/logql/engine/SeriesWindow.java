package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import java.util.Arrays;

/**
 * The samples of one series inside the current range window, oldest first: a ring of primitive
 * timestamps (ns) and values that grows to the most samples one window ever held. Not thread-safe.
 */
final class SeriesWindow {
  final Labels labels;

  /**
   * Whether the series carries {@code __error__} without {@code __preserve_error__="true"}: a
   * sample of it fails the query.
   */
  final boolean pipelineError;

  private long[] times = new long[8];
  private double[] values = new double[8];
  private int head;
  private int size;

  SeriesWindow(Labels labels) {
    this.labels = labels;
    this.pipelineError =
        labels.get("__error__") != null && !"true".equals(labels.get("__preserve_error__"));
  }

  void add(long timestampNanos, double value) {
    if (size == times.length) {
      grow();
    }
    int i = (head + size) & (times.length - 1);
    times[i] = timestampNanos;
    values[i] = value;
    size++;
  }

  /** Drops the samples at or before {@code limitNanos} (the window's exclusive start). */
  void evictThrough(long limitNanos) {
    while (size > 0 && times[head] <= limitNanos) {
      head = (head + 1) & (times.length - 1);
      size--;
    }
  }

  int size() {
    return size;
  }

  /** The {@code i}-th oldest sample's time in ns. */
  long time(int i) {
    return times[(head + i) & (times.length - 1)];
  }

  /** The {@code i}-th oldest sample's value. */
  double value(int i) {
    return values[(head + i) & (values.length - 1)];
  }

  private void grow() {
    int n = times.length;
    long[] t = new long[n * 2];
    double[] v = new double[n * 2];
    for (int i = 0; i < size; i++) {
      t[i] = time(i);
      v[i] = value(i);
    }
    times = t;
    values = v;
    head = 0;
  }

  /** The window's values copied into {@code scratch} (grown when too small), for sorting. */
  double[] copyValues(double[] scratch) {
    double[] out = scratch.length >= size ? scratch : Arrays.copyOf(scratch, size * 2);
    for (int i = 0; i < size; i++) {
      out[i] = value(i);
    }
    return out;
  }
}
