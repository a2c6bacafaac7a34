package io.moraine.promql.function;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code holt_winters(v range-vector, sf, tf)}: double exponential smoothing of a window,
 * Prometheus 2.42's variant (the trend starts as the first difference and is first updated at the
 * third sample).
 */
final class HoltWinters {
  private HoltWinters() {}

  /**
   * @throws FunctionException when sf or tf is not strictly between 0 and 1 (NaN passes, as in
   *     Prometheus)
   */
  static boolean apply(Window w, double[] args) {
    int n = w.size();
    if (n == 0) {
      return false;
    }
    double sf = args[0];
    double tf = args[1];
    if (sf <= 0 || sf >= 1) {
      throw new FunctionException(
          "invalid smoothing factor. Expected: 0 < sf < 1, got: " + goFixed6(sf));
    }
    if (tf <= 0 || tf >= 1) {
      throw new FunctionException(
          "invalid trend factor. Expected: 0 < tf < 1, got: " + goFixed6(tf));
    }
    if (n < 2) {
      return false;
    }
    double[] vs = w.vs;
    int first = w.from;
    double previous = 0; // smoothed value one sample back
    double smoothed = vs[first];
    double trend = vs[first + 1] - vs[first];
    for (int i = first + 1; i < w.to; i++) {
      if (i > first + 1) {
        trend = tf * (smoothed - previous) + (1 - tf) * trend;
      }
      double next = sf * vs[i] + (1 - sf) * (smoothed + trend);
      previous = smoothed;
      smoothed = next;
    }
    w.result = smoothed;
    return true;
  }

  /** Go's {@code %f}: six decimals, ties to even on the exact binary value, "+Inf"/"-Inf"/"NaN". */
  static String goFixed6(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    String s = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = v < 0 || Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
    return negative && !s.startsWith("-") ? "-" + s : s;
  }
}
