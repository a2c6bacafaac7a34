package io.moraine.promql.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistogramQuantileTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static double q(double phi, double[] bounds, double[] counts) {
    return HistogramQuantile.quantile(phi, bounds.clone(), counts.clone(), bounds.length);
  }

  private static final double[] BOUNDS = {1, 2, 4, INF};
  private static final double[] COUNTS = {10, 20, 30, 40};

  @Test
  void interpolatesInsideTheBucket() {
    assertThat(q(0.5, BOUNDS, COUNTS)).isEqualTo(2.0);
    assertThat(q(0.6, BOUNDS, COUNTS)).isCloseTo(2.8, within(1e-12));
    assertThat(q(0.1, BOUNDS, COUNTS)).isCloseTo(0.4, within(1e-12)); // from 0 in the first
    assertThat(q(0.25, BOUNDS, COUNTS)).isEqualTo(1.0);
    assertThat(q(0, BOUNDS, COUNTS)).isEqualTo(0.0);
  }

  @Test
  void rankInTheInfBucketGivesTheSecondHighestBound() {
    assertThat(q(0.9, BOUNDS, COUNTS)).isEqualTo(4.0);
    assertThat(q(1, BOUNDS, COUNTS)).isEqualTo(4.0);
  }

  @Test
  void sortsTheBuckets() {
    double[] bounds = {INF, 2, 1, 4};
    double[] counts = {40, 20, 10, 30};
    assertThat(HistogramQuantile.quantile(0.6, bounds, counts, 4)).isCloseTo(2.8, within(1e-12));
    assertThat(bounds).containsExactly(1, 2, 4, INF);
    assertThat(counts).containsExactly(10, 20, 30, 40);
  }

  @Test
  void manyBucketsUseTheHeapSort() {
    int n = 100;
    double[] bounds = new double[n];
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      int k = (i * 37) % n; // a permutation of 0..99
      bounds[i] = k == n - 1 ? INF : k + 1;
      counts[i] = k == n - 1 ? 1000 : (k + 1) * 10.0;
    }
    // rank 503 falls in (50, 51] with counts 500..510
    assertThat(q(0.503, bounds, counts)).isCloseTo(50.3, within(1e-9));
    assertThat(q(0.5, bounds, counts)).isCloseTo(50.0, within(1e-9));
    assertThat(q(0.999, bounds, counts)).isEqualTo(99.0);
  }

  @Test
  void phiOutOfRange() {
    assertThat(q(-0.1, BOUNDS, COUNTS)).isEqualTo(-INF);
    assertThat(q(1.01, BOUNDS, COUNTS)).isEqualTo(INF);
    assertThat(q(Double.NaN, BOUNDS, COUNTS)).isNaN();
    // checked before the buckets are
    assertThat(q(-1, new double[] {1}, new double[] {1})).isEqualTo(-INF);
  }

  @Test
  void invalidHistogramsAreNaN() {
    assertThat(q(0.5, new double[] {1, 2}, new double[] {1, 2})).isNaN(); // no +Inf
    assertThat(q(0.5, new double[] {INF}, new double[] {5})).isNaN(); // one bucket
    assertThat(q(0.5, new double[] {INF, INF}, new double[] {0, 0})).isNaN(); // coalesced to one
    assertThat(q(0.5, new double[] {1, INF}, new double[] {0, 0})).isNaN(); // no observations
    assertThat(HistogramQuantile.quantile(0.5, new double[0], new double[0], 0)).isNaN();
  }

  @Test
  void nonPositiveFirstBoundIsReturnedAsIs() {
    double[] bounds = {-1, 1, INF};
    double[] counts = {5, 10, 10};
    assertThat(q(0.2, bounds, counts)).isEqualTo(-1.0);
    assertThat(q(0.75, bounds, counts)).isEqualTo(0.0); // -1 + 2 * (2.5 / 5)
    assertThat(q(0, new double[] {-0.2, -0.1, 0.3, INF}, new double[] {10, 20, 20, 30}))
        .isEqualTo(-0.2);
  }

  @Test
  void equalBoundsAreMerged() {
    double[] bounds = {1, 1.0, 2, INF};
    double[] counts = {3, 2, 8, 10};
    // merged: 1 -> 5, 2 -> 8, +Inf -> 10
    assertThat(q(0.5, bounds, counts)).isEqualTo(1.0);
    assertThat(q(0.65, bounds, counts)).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void decreasingCountsAreRaised() {
    // 8 is raised to 10: rank 20 falls in (2, 4] holding 20 observations, 10 of them below
    assertThat(q(0.5, BOUNDS, new double[] {10, 8, 30, 40})).isEqualTo(3.0);
  }

  @Test
  void midBucketQuantiles() {
    double[] bounds = {0, 2, 4, 6, INF};
    double[] counts = {0, 10, 20, 30, 30};
    assertThat(q(1.0 / 6, bounds, counts)).isCloseTo(1.0, within(1e-12));
    assertThat(q(0.5, bounds, counts)).isCloseTo(3.0, within(1e-12));
    assertThat(q(5.0 / 6, bounds, counts)).isCloseTo(5.0, within(1e-12));
  }
}
