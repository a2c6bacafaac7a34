package io.moraine.promql.function;

import java.util.Arrays;

/** The φ-quantile that {@code quantile} and {@code quantile_over_time} share (Prometheus rules). */
public final class Quantiles {
  private Quantiles() {}

  /**
   * The φ-quantile of {@code values[from..to)}, interpolating linearly between the closest ranks
   * ({@code rank = φ·(n−1)}). Sorts that part of the array in place, NaN first as Go's sort does.
   * NaN for no values or φ NaN; −Inf for φ &lt; 0 and +Inf for φ &gt; 1.
   */
  public static double quantile(double phi, double[] values, int from, int to) {
    int n = to - from;
    if (n == 0 || Double.isNaN(phi)) {
      return Double.NaN;
    }
    if (phi < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (phi > 1) {
      return Double.POSITIVE_INFINITY;
    }
    sortNaNFirst(values, from, to);
    double rank = phi * (n - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = (int) Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return values[from + lower] * (1 - weight) + values[from + upper] * weight;
  }

  /** Sorts ascending with NaNs first, the order Go's {@code sort.Float64s} gives. */
  public static void sortNaNFirst(double[] values, int from, int to) {
    Arrays.sort(values, from, to); // Java puts NaN last
    int nan = to;
    while (nan > from && Double.isNaN(values[nan - 1])) {
      nan--;
    }
    int nans = to - nan;
    if (nans > 0 && nans < to - from) {
      System.arraycopy(values, from, values, from + nans, nan - from);
      Arrays.fill(values, from, from + nans, Double.NaN);
    }
  }
}
