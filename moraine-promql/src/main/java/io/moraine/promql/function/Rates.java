package io.moraine.promql.function;

/**
 * {@code rate}, {@code increase}, {@code delta}, {@code irate} and {@code idelta}: Prometheus
 * 2.42's extrapolated and instant differences.
 */
final class Rates {
  private Rates() {}

  static boolean rate(Window w, double[] args) {
    return extrapolated(w, true, true);
  }

  static boolean increase(Window w, double[] args) {
    return extrapolated(w, true, false);
  }

  static boolean delta(Window w, double[] args) {
    return extrapolated(w, false, false);
  }

  static boolean irate(Window w, double[] args) {
    return instant(w, true);
  }

  static boolean idelta(Window w, double[] args) {
    return instant(w, false);
  }

  /**
   * The difference between the last and first sample (for counters, plus the value before each
   * drop), extrapolated towards the window's ends: all the way when the gap to an end is under 1.1
   * average sample intervals, else half an interval; for a counter, never further back than where
   * the line through the samples reaches zero. A rate divides by the window's length in seconds.
   */
  private static boolean extrapolated(Window w, boolean counter, boolean perSecond) {
    int n = w.size();
    if (n < 2) {
      return false;
    }
    long[] ts = w.ts;
    double[] vs = w.vs;
    int first = w.from;
    int last = w.to - 1;
    double result = vs[last] - vs[first];
    if (counter) {
      double prev = vs[first];
      for (int i = first + 1; i <= last; i++) {
        double v = vs[i];
        if (v < prev) {
          result += prev;
        }
        prev = v;
      }
    }
    double toStart = (ts[first] - w.rangeStartMillis) / 1000.0;
    double toEnd = (w.rangeEndMillis - ts[last]) / 1000.0;
    double sampled = (ts[last] - ts[first]) / 1000.0;
    double average = sampled / (n - 1);
    if (counter && result > 0 && vs[first] >= 0) {
      double toZero = sampled * (vs[first] / result);
      if (toZero < toStart) {
        toStart = toZero;
      }
    }
    double threshold = average * 1.1;
    double interval = sampled;
    interval += toStart < threshold ? toStart : average / 2;
    interval += toEnd < threshold ? toEnd : average / 2;
    double factor = interval / sampled;
    if (perSecond) {
      factor /= (w.rangeEndMillis - w.rangeStartMillis) / 1000.0;
    }
    w.result = result * factor;
    return true;
  }

  /** From the last two samples; {@code irate} takes a drop as a counter reset to zero. */
  private static boolean instant(Window w, boolean perSecond) {
    if (w.size() < 2) {
      return false;
    }
    int last = w.to - 1;
    double v = w.vs[last];
    double prev = w.vs[last - 1];
    long millis = w.ts[last] - w.ts[last - 1];
    if (millis == 0) {
      return false;
    }
    double result = perSecond && v < prev ? v : v - prev;
    w.result = perSecond ? result / (millis / 1000.0) : result;
    return true;
  }
}
