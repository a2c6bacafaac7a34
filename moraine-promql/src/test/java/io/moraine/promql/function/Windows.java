package io.moraine.promql.function;

import org.jspecify.annotations.Nullable;

/** Builds windows the way the engine fills them, with decoy samples around the window's part. */
final class Windows {
  private static final double DECOY = 1e9;

  private Windows() {}

  /**
   * A window over {@code [startSeconds, endSeconds]} evaluated at {@code endSeconds}, holding
   * samples at {@code timesSeconds} with {@code values}; the arrays carry one decoy sample before
   * and after, outside {@code [from, to)}, so that a function reading past its bounds fails.
   */
  static Window of(double startSeconds, double endSeconds, double[] timesSeconds, double[] values) {
    if (timesSeconds.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length");
    }
    int n = values.length;
    Window w = new Window();
    w.ts = new long[n + 2];
    w.vs = new double[n + 2];
    w.ts[0] = millis(startSeconds) - 1000;
    w.vs[0] = DECOY;
    for (int i = 0; i < n; i++) {
      w.ts[i + 1] = millis(timesSeconds[i]);
      w.vs[i + 1] = values[i];
    }
    w.ts[n + 1] = millis(endSeconds) + 1000;
    w.vs[n + 1] = -DECOY;
    w.from = 1;
    w.to = n + 1;
    w.rangeStartMillis = millis(startSeconds);
    w.rangeEndMillis = millis(endSeconds);
    w.evalTimeMillis = w.rangeEndMillis;
    return w;
  }

  /** Samples every {@code stepSeconds} from {@code firstSeconds}. */
  static Window regular(
      double startSeconds,
      double endSeconds,
      double firstSeconds,
      double stepSeconds,
      double... values) {
    double[] times = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      times[i] = firstSeconds + i * stepSeconds;
    }
    return of(startSeconds, endSeconds, times, values);
  }

  /** Applies {@code fn} and returns its result, or null when the window yields nothing. */
  static @Nullable Double apply(RangeFn fn, Window w, double... args) {
    return fn.apply(w, args) ? w.result : null;
  }

  private static long millis(double seconds) {
    return Math.round(seconds * 1000);
  }
}
