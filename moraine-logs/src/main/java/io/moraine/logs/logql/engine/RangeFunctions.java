package io.moraine.logs.logql.engine;

import io.moraine.logs.logql.ast.RangeOp;
import java.util.Arrays;

/**
 * The range aggregation functions over one series' window, with Loki 2.9's arithmetic (including
 * its quirks, named where they occur). Windows passed here are never empty.
 */
final class RangeFunctions {
  private double[] scratch = new double[64];

  /**
   * The value of {@code op} over the window.
   *
   * @param rangeNanos the range written in the query
   * @param unwrapped whether the range has an unwrap (rate then sums values)
   * @param quantile the quantile_over_time parameter
   */
  double apply(RangeOp op, SeriesWindow w, long rangeNanos, boolean unwrapped, double quantile) {
    double rangeSeconds = rangeNanos / 1e9;
    return switch (op) {
      case COUNT_OVER_TIME -> w.size();
      case RATE -> (unwrapped ? sum(w) : w.size()) / rangeSeconds;
      case BYTES_RATE -> sum(w) / rangeSeconds;
      case BYTES_OVER_TIME, SUM_OVER_TIME -> sum(w);
      case ABSENT_OVER_TIME -> 1;
      case RATE_COUNTER -> rateCounter(w, rangeNanos);
      case AVG_OVER_TIME -> avg(w);
      case MIN_OVER_TIME -> min(w);
      case MAX_OVER_TIME -> max(w);
      case STDVAR_OVER_TIME -> stdvar(w);
      case STDDEV_OVER_TIME -> Math.sqrt(stdvar(w));
      case QUANTILE_OVER_TIME -> quantile(w, quantile);
      case FIRST_OVER_TIME -> w.value(0);
      case LAST_OVER_TIME -> w.value(w.size() - 1);
    };
  }

  private static double sum(SeriesWindow w) {
    double s = 0;
    for (int i = 0; i < w.size(); i++) {
      s += w.value(i);
    }
    return s;
  }

  /** Incremental mean that keeps an infinite mean instead of turning it into NaN. */
  private static double avg(SeriesWindow w) {
    double mean = 0;
    double count = 0;
    for (int i = 0; i < w.size(); i++) {
      double v = w.value(i);
      count++;
      if (Double.isInfinite(mean)) {
        if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
          continue;
        }
        if (!Double.isInfinite(v) && !Double.isNaN(v)) {
          continue;
        }
      }
      mean += v / count - mean / count;
    }
    return mean;
  }

  private static double max(SeriesWindow w) {
    double m = w.value(0);
    for (int i = 0; i < w.size(); i++) {
      double v = w.value(i);
      if (v > m || Double.isNaN(m)) {
        m = v;
      }
    }
    return m;
  }

  private static double min(SeriesWindow w) {
    double m = w.value(0);
    for (int i = 0; i < w.size(); i++) {
      double v = w.value(i);
      if (v < m || Double.isNaN(m)) {
        m = v;
      }
    }
    return m;
  }

  /** Population variance by Welford's method. */
  private static double stdvar(SeriesWindow w) {
    double aux = 0;
    double count = 0;
    double mean = 0;
    for (int i = 0; i < w.size(); i++) {
      double v = w.value(i);
      count++;
      double delta = v - mean;
      mean += delta / count;
      aux += delta * (v - mean);
    }
    return aux / count;
  }

  /** Prometheus's quantile: linear interpolation between the closest ranks. */
  private double quantile(SeriesWindow w, double q) {
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    int n = w.size();
    scratch = w.copyValues(scratch);
    Arrays.sort(scratch, 0, n);
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return scratch[(int) lower] * (1 - weight) + scratch[(int) upper] * weight;
  }

  /**
   * Prometheus's extrapolated counter rate, as Loki 2.9 computes it: its sample times are
   * nanoseconds while the range is taken in milliseconds, so the "duration to start" is the range
   * in seconds, the "duration to end" is 0, and the sampled interval is in microseconds. Kept for
   * identical answers.
   */
  static double rateCounter(SeriesWindow w, long rangeNanos) {
    int n = w.size();
    if (n < 2) {
      return 0;
    }
    long rangeMillis = rangeNanos / 1_000_000;
    long firstT = w.time(0);
    long lastT = w.time(n - 1);
    double first = w.value(0);
    double result = w.value(n - 1) - first;
    double lastValue = 0;
    for (int i = 0; i < n; i++) {
      double v = w.value(i);
      if (v < lastValue) {
        result += lastValue;
      }
      lastValue = v;
    }
    double durationToStart = (double) (firstT - (firstT - rangeMillis)) / 1000;
    double durationToEnd = 0;
    double sampledInterval = (double) (lastT - firstT) / 1000;
    double averageBetween = sampledInterval / (n - 1);
    if (result > 0 && first >= 0) {
      double durationToZero = sampledInterval * (first / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    double threshold = averageBetween * 1.1;
    double extrapolateTo = sampledInterval;
    extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
    return result * (extrapolateTo / sampledInterval) / (rangeNanos / 1e9);
  }
}
