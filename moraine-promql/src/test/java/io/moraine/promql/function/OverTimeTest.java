package io.moraine.promql.function;

import static io.moraine.promql.function.Windows.apply;
import static io.moraine.promql.function.Windows.regular;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OverTimeTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;
  private static final double BIG = 9.988465674311579e+307;

  private static Window values(double... vs) {
    return regular(0, 60, 0, 10, vs);
  }

  private static @Nullable Double avg(double... vs) {
    return apply(OverTime::avg, values(vs));
  }

  @Test
  void avgOfFiniteValues() {
    assertThat(avg(1, 2, 3, 4, 5)).isEqualTo(3.0);
    assertThat(avg(7)).isEqualTo(7.0);
  }

  @Test
  void avgDoesNotOverflowOnLargeValues() {
    assertThat(avg(BIG, BIG)).isEqualTo(BIG);
    assertThat(avg(-BIG, -BIG, -BIG)).isEqualTo(-BIG);
    assertThat(avg(-BIG, BIG)).isEqualTo(0.0);
    assertThat(apply(OverTime::sum, values(BIG, BIG))).isEqualTo(INF);
  }

  @Test
  void avgKeepsAnInfinityUntilTheOppositeOneOrNaN() {
    assertThat(avg(1, 2, 3, 4, INF)).isEqualTo(INF);
    assertThat(avg(1, 2, 3, 4, -INF)).isEqualTo(-INF);
    assertThat(avg(INF, 0, INF)).isEqualTo(INF);
    assertThat(avg(1, 2, 3, -INF, -INF)).isEqualTo(-INF);
    assertThat(avg(-INF, 0, -INF)).isEqualTo(-INF);
    assertThat(avg(1, 2, 3, INF, -INF)).isNaN();
    assertThat(avg(INF, INF, INF, -INF)).isNaN();
    assertThat(avg(1, 2, -INF, -INF, INF)).isNaN();
    assertThat(avg(INF, NAN)).isNaN();
  }

  @Test
  void sumIsCompensated() {
    assertThat(apply(OverTime::sum, values(1e100, 1.0, -1e100))).isEqualTo(1.0);
    assertThat(apply(OverTime::sum, values(0.1, 0.2, 0.3))).isEqualTo(0.6);
    assertThat(apply(OverTime::sum, values(1, INF, 2))).isEqualTo(INF);
  }

  @Test
  void countPresentAndLast() {
    Window w = values(2, 0, 3);
    assertThat(apply(OverTime::count, w)).isEqualTo(3.0);
    assertThat(apply(OverTime::present, w)).isEqualTo(1.0);
    assertThat(apply(OverTime::last, w)).isEqualTo(3.0);
    assertThat(apply(OverTime::last, values(2, 0, NAN))).isNaN();
  }

  @Test
  void minAndMaxSkipNaNUnlessAllAreNaN() {
    assertThat(apply(OverTime::min, values(2, 0, 3))).isEqualTo(0.0);
    assertThat(apply(OverTime::max, values(2, 0, 3))).isEqualTo(3.0);
    assertThat(apply(OverTime::min, values(2, 0, NAN))).isEqualTo(0.0);
    assertThat(apply(OverTime::max, values(2, 0, NAN))).isEqualTo(2.0);
    assertThat(apply(OverTime::min, values(2, NAN, 1))).isEqualTo(1.0);
    assertThat(apply(OverTime::max, values(2, NAN, 1))).isEqualTo(2.0);
    assertThat(apply(OverTime::min, values(NAN, 0, 1))).isEqualTo(0.0);
    assertThat(apply(OverTime::max, values(NAN, 0, 1))).isEqualTo(1.0);
    assertThat(apply(OverTime::min, values(NAN, NAN, NAN))).isNaN();
    assertThat(apply(OverTime::max, values(NAN, NAN, NAN))).isNaN();
  }

  @Test
  void varianceAndDeviationArePopulationStatistics() {
    // mean 4.2; squared deviations 17.64 + 14.44 + 14.44 + 4.84 + 1.44 = 52.8; / 5
    assertThat(apply(OverTime::stdvar, values(0, 8, 8, 2, 3))).isCloseTo(10.56, within(1e-12));
    assertThat(apply(OverTime::stddev, values(0, 8, 8, 2, 3)))
        .isCloseTo(Math.sqrt(10.56), within(1e-12));
    assertThat(apply(OverTime::stdvar, values(5))).isEqualTo(0.0);
  }

  @Test
  void varianceOfAConstantIsExactlyZero() {
    double v = 1.5990505637277868;
    assertThat(apply(OverTime::stdvar, values(v, v, v))).isEqualTo(0.0);
    assertThat(apply(OverTime::stddev, values(v, v, v))).isEqualTo(0.0);
  }

  @Test
  void quantileInterpolatesBetweenRanks() {
    assertThat(apply(OverTime::quantile, values(0, 1), 0.75)).isEqualTo(0.75);
    assertThat(apply(OverTime::quantile, values(0, 1, 2), 0.8)).isCloseTo(1.6, within(1e-12));
    assertThat(apply(OverTime::quantile, values(4, 0, 1), 0.75)).isEqualTo(2.5);
    assertThat(apply(OverTime::quantile, values(4, 0, 1), 0.0)).isEqualTo(0.0);
    assertThat(apply(OverTime::quantile, values(4, 0, 1), 1.0)).isEqualTo(4.0);
    assertThat(apply(OverTime::quantile, values(4, 0, 1), -1)).isEqualTo(-INF);
    assertThat(apply(OverTime::quantile, values(4, 0, 1), 2)).isEqualTo(INF);
    assertThat(apply(OverTime::quantile, values(4, 0, 1), NAN)).isNaN();
  }

  @Test
  void quantileLeavesTheWindowUnsorted() {
    Window w = values(4, 0, 1);
    assertThat(apply(OverTime::quantile, w, 0.5)).isEqualTo(1.0);
    assertThat(w.vs).containsExactly(1e9, 4, 0, 1, -1e9);
    // the scratch buffer is reused: a larger window afterwards still works
    assertThat(apply(OverTime::quantile, values(5, 3, 9, 1, 7), 0.5)).isEqualTo(5.0);
  }

  @Test
  void emptyWindowsYieldNothing() {
    Window w = regular(0, 60, 0, 10);
    RangeFn[] fns = {
      OverTime::avg, OverTime::sum, OverTime::count, OverTime::present, OverTime::last,
      OverTime::min, OverTime::max, OverTime::stdvar, OverTime::stddev, OverTime::quantile,
      Changes::resets, Changes::changes
    };
    for (RangeFn fn : fns) {
      assertThat(apply(fn, w, 0.5)).isNull();
    }
  }
}
