package io.moraine.promql.function;

/** Classic-histogram quantile (placeholder until the function work lands). */
public final class HistogramQuantile {
  private HistogramQuantile() {}

  public static double quantile(double phi, double[] upperBounds, double[] counts, int n) {
    throw new UnsupportedOperationException("pending");
  }
}
