package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Queryable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A small in-memory {@link Queryable}: the store the script runner loads its series into, and a
 * reference for tests. Thread-safe (every method locks the store).
 *
 * <p>Each series keeps its samples in ascending time; samples may be added in any order, and a
 * sample at a time the series already has replaces the old value (last write wins). Values are kept
 * bit-exact, the staleness marker included. A {@link #querier} copies the samples of its range when
 * it is created, so it sees one consistent view whatever is added or cleared afterwards. Unsorted
 * selects return series in the order they were first added, as a head block returns them by series
 * reference; sorted selects return them in {@link Labels} order. Select hints are ignored: every
 * sample in the querier's range is returned, which the hints' contract allows.
 */
public final class MemoryStorage implements Queryable {
  /** Series in the order they were first added. */
  private final List<SeriesData> series = new ArrayList<>();

  private final Map<Labels, SeriesData> byLabels = new HashMap<>();

  /**
   * Adds one sample; a sample already held at {@code t} for this series gets value {@code v}.
   *
   * @param t time in milliseconds since the epoch
   */
  public synchronized void add(Labels labels, long t, double v) {
    Objects.requireNonNull(labels, "labels");
    SeriesData s = byLabels.get(labels);
    if (s == null) {
      s = new SeriesData(labels);
      byLabels.put(labels, s);
      series.add(s);
    }
    s.put(t, v);
  }

  /** Removes every series. Queriers made before keep their view. */
  public synchronized void clear() {
    series.clear();
    byLabels.clear();
  }

  /** The number of series held. */
  public synchronized int seriesCount() {
    return series.size();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The querier holds copies of the samples in {@code [mint, maxt]} of every series that has
   * some; series without samples in the range are not seen at all, not even by the label calls.
   *
   * @throws IllegalArgumentException when {@code mint > maxt}
   */
  @Override
  public synchronized Querier querier(long mint, long maxt) {
    if (mint > maxt) {
      throw new IllegalArgumentException("querier range [" + mint + ", " + maxt + "] is empty");
    }
    List<MemoryQuerier.Snapshot> view = new ArrayList<>();
    for (SeriesData s : series) {
      MemoryQuerier.Snapshot snap = s.snapshot(mint, maxt);
      if (snap != null) {
        view.add(snap);
      }
    }
    return new MemoryQuerier(view);
  }

  /** One series: its labels and its samples, ascending in time, no two at the same time. */
  private static final class SeriesData {
    private final Labels labels;
    private long[] ts = new long[8];
    private double[] vs = new double[8];
    private int size;

    SeriesData(Labels labels) {
      this.labels = labels;
    }

    void put(long t, double v) {
      int i = Arrays.binarySearch(ts, 0, size, t);
      if (i >= 0) {
        vs[i] = v;
        return;
      }
      int at = -i - 1;
      if (size == ts.length) {
        ts = Arrays.copyOf(ts, size * 2);
        vs = Arrays.copyOf(vs, size * 2);
      }
      System.arraycopy(ts, at, ts, at + 1, size - at);
      System.arraycopy(vs, at, vs, at + 1, size - at);
      ts[at] = t;
      vs[at] = v;
      size++;
    }

    /** A copy of the samples in {@code [mint, maxt]}, or null when there are none. */
    MemoryQuerier.@Nullable Snapshot snapshot(long mint, long maxt) {
      int from = firstAtOrAfter(mint);
      int to = firstAtOrAfter(maxt);
      if (to < size && ts[to] == maxt) {
        to++;
      }
      if (from >= to) {
        return null;
      }
      return new MemoryQuerier.Snapshot(
          labels, Arrays.copyOfRange(ts, from, to), Arrays.copyOfRange(vs, from, to));
    }

    private int firstAtOrAfter(long t) {
      int i = Arrays.binarySearch(ts, 0, size, t);
      return i >= 0 ? i : -i - 1;
    }
  }
}
