package io.moraine.ingest.remotewrite;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A decoded request: its series (cache entries) and their samples in primitive arrays, in request
 * order. Series {@code i} owns samples {@code [i == 0 ? 0 : end(i - 1), end(i))}. Not thread-safe;
 * one request at a time, reused across requests ({@link #reset}) so that its arrays are allocated
 * once, not per request.
 */
final class WriteBatch {
  private SeriesCache.Entry[] series;
  private int[] ends;
  private long[] ts;
  private double[] vs;
  private int seriesCount;
  private int sampleCount;
  private RemoteWriteException.@Nullable InvalidSeries invalid;

  WriteBatch() {
    int n = 1024;
    series = new SeriesCache.Entry[n];
    ends = new int[n];
    ts = new long[n];
    vs = new double[n];
  }

  /** Empties the batch for the next request, keeping its arrays. */
  void reset() {
    Arrays.fill(series, 0, seriesCount, null);
    seriesCount = 0;
    sampleCount = 0;
    invalid = null;
  }

  void addSample(long t, double v) {
    if (sampleCount == ts.length) {
      ts = Arrays.copyOf(ts, sampleCount * 2);
      vs = Arrays.copyOf(vs, sampleCount * 2);
    }
    ts[sampleCount] = t;
    vs[sampleCount] = v;
    sampleCount++;
  }

  /** Closes a series whose samples were added since the previous one. */
  void addSeries(SeriesCache.Entry e) {
    if (seriesCount == series.length) {
      series = Arrays.copyOf(series, seriesCount * 2);
      ends = Arrays.copyOf(ends, seriesCount * 2);
    }
    series[seriesCount] = e;
    ends[seriesCount] = sampleCount;
    seriesCount++;
  }

  /** Records a series with invalid labels; only the first one is kept for the answer. */
  void invalid(RemoteWriteException.InvalidSeries e) {
    if (invalid == null) {
      invalid = e;
    }
  }

  RemoteWriteException.@Nullable InvalidSeries invalid() {
    return invalid;
  }

  int seriesCount() {
    return seriesCount;
  }

  int sampleCount() {
    return sampleCount;
  }

  SeriesCache.Entry series(int i) {
    return series[i];
  }

  int start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  int end(int i) {
    return ends[i];
  }

  long t(int j) {
    return ts[j];
  }

  double v(int j) {
    return vs[j];
  }
}
