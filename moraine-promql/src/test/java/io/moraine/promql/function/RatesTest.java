package io.moraine.promql.function;

import static io.moraine.promql.function.Windows.apply;
import static io.moraine.promql.function.Windows.of;
import static io.moraine.promql.function.Windows.regular;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatesTest {
  private static final RangeFn RATE = Rates::rate;
  private static final RangeFn INCREASE = Rates::increase;
  private static final RangeFn DELTA = Rates::delta;
  private static final RangeFn IRATE = Rates::irate;
  private static final RangeFn IDELTA = Rates::idelta;

  @Test
  void samplesOnBothEdgesNeedNoExtrapolation() {
    // 0, 10, ..., 100 every 5m over [0, 50m]
    Window w = regular(0, 3000, 0, 300, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
    assertThat(apply(INCREASE, w)).isEqualTo(100.0);
    assertThat(apply(RATE, w)).isCloseTo(100.0 / 3000, within(1e-15));
    assertThat(apply(DELTA, w)).isEqualTo(100.0);
  }

  @Test
  void counterResetAddsTheValueBeforeTheDrop() {
    // 0 1 2 3 2 3 4 every 5m: read as 0 1 2 3 (0 1) 2 3 4
    Window w = regular(0, 1800, 0, 300, 0, 1, 2, 3, 2, 3, 4);
    assertThat(apply(INCREASE, w)).isEqualTo(7.0);
    // delta treats it as a gauge
    assertThat(apply(DELTA, w)).isEqualTo(4.0);
  }

  @Test
  void resetToZeroAtTheEndGivesZeroRate() {
    Window w = regular(2700, 3000, 2700, 300, 90, 0);
    assertThat(apply(RATE, w)).isEqualTo(0.0);
  }

  @Test
  void gapsUnderOnePointOneIntervalsAreExtrapolatedFully() {
    // samples at 10, 20, 30 s in [0, 40]: 2 over 20 s, stretched to 40 s
    Window w = of(0, 40, new double[] {10, 20, 30}, new double[] {1, 2, 3});
    assertThat(apply(DELTA, w)).isEqualTo(4.0);
    assertThat(apply(RATE, w)).isCloseTo(4.0 / 40, within(1e-15));
  }

  @Test
  void longerGapsAreExtrapolatedByHalfAnInterval() {
    // start gap 30 s >= 11 s: +5 s; end gap 10 s: +10 s; 20 s -> 35 s
    Window w = of(0, 60, new double[] {30, 40, 50}, new double[] {1, 2, 3});
    assertThat(apply(DELTA, w)).isEqualTo(3.5);
  }

  @Test
  void counterExtrapolationStopsAtZero() {
    // 60, 300, 540 at 0, 240, 480 s in [-600, 600]: zero is reached 60 s before the first sample
    Window w = regular(-600, 600, 0, 240, 60, 300, 540);
    assertThat(apply(RATE, w)).isCloseTo(0.55, within(1e-12));
    // a gauge extrapolates by half an interval: (480 + 120 + 120) / 480
    assertThat(apply(DELTA, w)).isCloseTo(720.0, within(1e-9));
  }

  @Test
  void zeroPointFurtherThanTheGapDoesNotLimit() {
    // 300, 540, 780: zero would be 300 s back, the window start 600 s: half interval (120 s)
    Window w = regular(-600, 600, 0, 240, 300, 540, 780);
    assertThat(apply(RATE, w)).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void negativeFirstValueSkipsTheZeroLimit() {
    // -10, 0, 10 at 10, 20, 30 in [0, 40]: extrapolates the full 10 s at the start
    Window w = of(0, 40, new double[] {10, 20, 30}, new double[] {-10, 0, 10});
    assertThat(apply(INCREASE, w)).isEqualTo(40.0);
  }

  @Test
  void counterStartingAtZeroIsNotExtrapolatedBackwards() {
    // 0, 10, 20 at 10, 20, 30 in [0, 30]: zero at the first sample
    Window w = of(0, 30, new double[] {10, 20, 30}, new double[] {0, 10, 20});
    assertThat(apply(INCREASE, w)).isEqualTo(20.0);
    assertThat(apply(DELTA, w)).isEqualTo(30.0);
  }

  @Test
  void rateDividesByTheWindowLength() {
    Window w = regular(2400, 3000, 2700, 300, 90, 100);
    // range 600 s; samples at 2700 and 3000: start gap 300 s < 330 s, extrapolated: 10 * 600/300
    assertThat(apply(INCREASE, w)).isEqualTo(20.0);
    assertThat(apply(RATE, w)).isCloseTo(20.0 / 600, within(1e-15));
  }

  @Test
  void fewerThanTwoSamplesYieldNothing() {
    for (RangeFn fn : new RangeFn[] {RATE, INCREASE, DELTA, IRATE, IDELTA}) {
      assertThat(apply(fn, of(0, 60, new double[] {}, new double[] {}))).isNull();
      assertThat(apply(fn, of(0, 60, new double[] {30}, new double[] {5}))).isNull();
    }
  }

  @Test
  void nanPropagates() {
    Window w = of(0, 30, new double[] {10, 20, 30}, new double[] {1, Double.NaN, 3});
    assertThat(apply(DELTA, w)).isEqualTo(3.0); // only first and last matter to delta
    assertThat(apply(RATE, of(0, 30, new double[] {10, 30}, new double[] {1, Double.NaN}))).isNaN();
  }

  @Test
  void irateUsesTheLastTwoSamples() {
    Window w = regular(0, 3000, 0, 300, 0, 10, 20, 30, 40, 50, 0, 10, 20, 30, 45);
    assertThat(apply(IRATE, w)).isEqualTo(15.0 / 300);
    assertThat(apply(IDELTA, w)).isEqualTo(15.0);
  }

  @Test
  void irateTakesADropAsAReset() {
    Window w = regular(0, 1800, 0, 300, 0, 10, 20, 30, 40, 50, 0);
    assertThat(apply(IRATE, w)).isEqualTo(0.0);
    Window w2 = regular(0, 1800, 0, 300, 40, 50, 6);
    assertThat(apply(IRATE, w2)).isEqualTo(6.0 / 300);
    assertThat(apply(IDELTA, w2)).isEqualTo(-44.0);
  }

  @Test
  void equalTimestampsYieldNothing() {
    Window w = of(0, 30, new double[] {10, 20, 20}, new double[] {1, 2, 3});
    assertThat(apply(IRATE, w)).isNull();
    assertThat(apply(IDELTA, w)).isNull();
  }
}
