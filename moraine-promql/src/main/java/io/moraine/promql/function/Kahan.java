package io.moraine.promql.function;

/**
 * Compensated summation (Neumaier's variant of Kahan's), as Prometheus 2.42 uses it in the
 * *_over_time sums, means and variances and in the linear regression. Callers keep a running sum
 * and a compensation term in locals, so nothing is allocated:
 *
 * <pre>{@code
 * double t = sum + x;
 * c += Kahan.lost(sum, x, t);
 * sum = t;
 * }</pre>
 *
 * and read the result as {@code sum + c}.
 */
final class Kahan {
  private Kahan() {}

  /** The rounding error of {@code t = sum + inc}, to be added to the compensation term. */
  static double lost(double sum, double inc, double t) {
    return Math.abs(sum) >= Math.abs(inc) ? (sum - t) + inc : (inc - t) + sum;
  }
}
