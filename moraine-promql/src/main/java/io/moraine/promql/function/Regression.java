package io.moraine.promql.function;

/**
 * {@code deriv} and {@code predict_linear}: least-squares lines through a window's samples, with
 * compensated sums and x in seconds relative to a reference time (Prometheus 2.42's rules).
 */
final class Regression {
  private Regression() {}

  /** Slope per second, x relative to the first sample (keeps the sums small). */
  static boolean deriv(Window w, double[] args) {
    if (w.size() < 2) {
      return false;
    }
    w.result = fit(w, w.ts[w.from], true, 0);
    return true;
  }

  /** The line's value {@code args[0]} seconds after the step's evaluation time. */
  static boolean predictLinear(Window w, double[] args) {
    if (w.size() < 2) {
      return false;
    }
    w.result = fit(w, w.evalTimeMillis, false, args[0]);
    return true;
  }

  /**
   * Fits the line with x = (t − origin) in seconds. A constant series has slope 0 and its value as
   * intercept, except a constant infinity, whose slope and intercept are NaN.
   *
   * @return the slope when {@code slopeOnly}, else {@code slope * seconds + intercept}
   */
  private static double fit(Window w, long originMillis, boolean slopeOnly, double seconds) {
    long[] ts = w.ts;
    double[] vs = w.vs;
    double first = vs[w.from];
    boolean constant = true;
    double sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
    for (int i = w.from; i < w.to; i++) {
      double y = vs[i];
      constant &= y == first;
      double x = (ts[i] - originMillis) / 1e3;
      double t = sumX + x;
      cX += Kahan.lost(sumX, x, t);
      sumX = t;
      t = sumY + y;
      cY += Kahan.lost(sumY, y, t);
      sumY = t;
      double xy = x * y;
      t = sumXY + xy;
      cXY += Kahan.lost(sumXY, xy, t);
      sumXY = t;
      double x2 = x * x;
      t = sumX2 + x2;
      cX2 += Kahan.lost(sumX2, x2, t);
      sumX2 = t;
    }
    double slope;
    double intercept;
    if (constant) {
      slope = Double.isInfinite(first) ? Double.NaN : 0;
      intercept = Double.isInfinite(first) ? Double.NaN : first;
    } else {
      double n = w.size();
      sumX += cX;
      sumY += cY;
      sumXY += cXY;
      sumX2 += cX2;
      double covXY = sumXY - sumX * sumY / n;
      double varX = sumX2 - sumX * sumX / n;
      slope = covXY / varX;
      intercept = sumY / n - slope * sumX / n;
    }
    return slopeOnly ? slope : slope * seconds + intercept;
  }
}
