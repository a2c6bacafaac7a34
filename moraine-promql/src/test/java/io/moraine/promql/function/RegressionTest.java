package io.moraine.promql.function;

import static io.moraine.promql.function.Windows.apply;
import static io.moraine.promql.function.Windows.of;
import static io.moraine.promql.function.Windows.regular;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionTest {
  private static final RangeFn DERIV = Regression::deriv;
  private static final RangeFn PREDICT = Regression::predictLinear;

  /** 0 10 20 30 40 0 10 20 30 40 50 every 300 s from 0 to 3000 s. */
  private static Window resetMiddle() {
    return regular(-3000, 3000, 0, 300, 0, 10, 20, 30, 40, 0, 10, 20, 30, 40, 50);
  }

  @Test
  void derivIsTheLeastSquaresSlope() {
    // sumX = 16500, sumY = 250, sumXY = 480000, sumX2 = 34650000, n = 11:
    // covXY = 480000 - 16500*250/11 = 105000, varX = 34650000 - 16500^2/11 = 9900000
    assertThat(apply(DERIV, resetMiddle())).isCloseTo(105000.0 / 9900000, within(1e-15));
  }

  @Test
  void derivOfAStraightLineIsItsSlope() {
    Window w = regular(0, 100, 10, 10, 5, 7, 9, 11, 13);
    assertThat(apply(DERIV, w)).isCloseTo(0.2, within(1e-15));
  }

  @Test
  void predictLinearExtrapolatesFromTheEvaluationTime() {
    // intercept at t=0: 250/11 - slope*1500 = 6.8181...; at 3000 + 3600 s: + slope*6600
    double slope = 105000.0 / 9900000;
    double atZero = 250.0 / 11 - slope * 1500;
    Window w = resetMiddle();
    w.evalTimeMillis = 3_000_000;
    assertThat(apply(PREDICT, w, 3600)).isCloseTo(atZero + slope * 6600, within(1e-9));
    assertThat(apply(PREDICT, w, 3600)).isCloseTo(76.81818181818181, within(1e-9));
  }

  @Test
  void predictLinearIgnoresOffsetAndAt() {
    // the same window (as with "@ 3000") evaluated at 600 s predicts 4200 s
    Window w = resetMiddle();
    w.evalTimeMillis = 600_000;
    assertThat(apply(PREDICT, w, 3600)).isCloseTo(51.36363636363637, within(1e-9));
    w.evalTimeMillis = 4_200_000;
    assertThat(apply(PREDICT, w, 3600)).isCloseTo(89.54545454545455, within(1e-9));
  }

  @Test
  void constantSeriesHasSlopeZeroAndItsValue() {
    Window w = regular(0, 40, 10, 10, 4.5, 4.5, 4.5);
    assertThat(apply(DERIV, w)).isEqualTo(0.0);
    assertThat(apply(PREDICT, w, 1000)).isEqualTo(4.5);
  }

  @Test
  void constantInfinityIsNaN() {
    Window w = regular(0, 40, 10, 10, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertThat(apply(DERIV, w)).isNaN();
    assertThat(apply(PREDICT, w, 60)).isNaN();
  }

  @Test
  void nanMakesTheSeriesNonConstant() {
    Window w = regular(0, 40, 10, 10, Double.NaN, Double.NaN);
    assertThat(apply(DERIV, w)).isNaN();
  }

  @Test
  void fewerThanTwoSamplesYieldNothing() {
    assertThat(apply(DERIV, of(0, 60, new double[] {30}, new double[] {1}))).isNull();
    assertThat(apply(PREDICT, of(0, 60, new double[] {30}, new double[] {1}), 10)).isNull();
  }
}
