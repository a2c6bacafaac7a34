package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One target's scraped samples in primitive columns: per sample a series id, a timestamp and a
 * value. Series ids are the parser's dense per-target numbers ({@code 0, 1, 2, ...}); an id means
 * the same exposed label set for the life of the batch, so one batch is kept per target and {@link
 * #clear}ed before each scrape, and the {@link TargetState} that reads it keys its own per-series
 * state by these ids. The exposed labels of each id stay in the batch across scrapes.
 *
 * <p>Not thread-safe: one per target, used by its scrape loop only.
 */
public final class ScrapeBatch {
  /** The sample line had no timestamp. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private Labels[] labels = new Labels[64];
  private int ids;
  private int[] series = new int[256];
  private long[] ts = new long[256];
  private double[] vs = new double[256];
  private int size;
  private Map<Labels, Integer> byLabels = Map.of();

  /** Empties the samples; the ids and their labels stay. */
  public void clear() {
    size = 0;
  }

  /**
   * Declares a new series id with its exposed labels (with {@code __name__}).
   *
   * @throws IllegalArgumentException when {@code id} was declared before
   */
  public void define(int id, Labels exposed) {
    Objects.requireNonNull(exposed, "exposed");
    if (id < 0) {
      throw new IllegalArgumentException("negative series id " + id);
    }
    if (id >= labels.length) {
      labels = Arrays.copyOf(labels, Math.max(id + 1, labels.length * 2));
    }
    if (labels[id] != null) {
      throw new IllegalArgumentException("series id " + id + " declared twice");
    }
    labels[id] = exposed;
    ids = Math.max(ids, id + 1);
  }

  /** Adds a sample of a declared series; {@code t} is {@link #NO_TIMESTAMP} when not exposed. */
  public void add(int id, long t, double v) {
    if (size == series.length) {
      int n = size * 2;
      series = Arrays.copyOf(series, n);
      ts = Arrays.copyOf(ts, n);
      vs = Arrays.copyOf(vs, n);
    }
    series[size] = id;
    ts[size] = t;
    vs[size] = v;
    size++;
  }

  /**
   * Adds a sample by its exposed labels, declaring an id for labels not met before (for parsers
   * that do not number series themselves, and tests). Do not mix with {@link #define} on one batch.
   */
  public void add(Labels exposed, long t, double v) {
    if (byLabels.isEmpty()) {
      byLabels = new HashMap<>();
    }
    Integer id = byLabels.get(exposed);
    if (id == null) {
      id = ids;
      define(id, exposed);
      byLabels.put(exposed, id);
    }
    add(id, t, v);
  }

  /** Samples in this scrape. */
  public int size() {
    return size;
  }

  /** Series id of sample {@code i}. */
  public int id(int i) {
    return series[i];
  }

  /** Exposed timestamp of sample {@code i} in milliseconds, or {@link #NO_TIMESTAMP}. */
  public long timestamp(int i) {
    return ts[i];
  }

  /** Value of sample {@code i}, bit-exact. */
  public double value(int i) {
    return vs[i];
  }

  /** One more than the highest id declared so far. */
  public int idLimit() {
    return ids;
  }

  /**
   * The exposed labels of a declared id.
   *
   * @throws IllegalArgumentException when {@code id} was never declared
   */
  public Labels labels(int id) {
    Labels l = id >= 0 && id < labels.length ? labels[id] : null;
    if (l == null) {
      throw new IllegalArgumentException("undeclared series id " + id);
    }
    return l;
  }
}
