package io.moraine.promql.function;

import static io.moraine.promql.function.Windows.apply;
import static io.moraine.promql.function.Windows.regular;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HoltWintersTest {
  private static final RangeFn HW = HoltWinters::apply;

  private static Window values(double... vs) {
    return regular(0, 60, 0, 10, vs);
  }

  @Test
  void followsAStraightLineExactly() {
    assertThat(apply(HW, values(0, 10, 20, 30), 0.5, 0.5)).isCloseTo(30.0, within(1e-12));
    assertThat(apply(HW, values(8000, 7990, 7980, 7970, 7960, 7950), 0.01, 0.1))
        .isCloseTo(7950.0, within(1e-9));
  }

  @Test
  void smoothsByHand() {
    // s=0, b=10; 2nd: s = .5*10 + .5*(0+10) = 10; 3rd: b = .5*(10-0) + .5*10 = 10,
    // s = .5*10 + .5*(10+10) = 15
    assertThat(apply(HW, values(0, 10, 10), 0.5, 0.5)).isEqualTo(15.0);
    // with tf = 0.25: b = .25*10 + .75*10 = 10 on the 3rd too; a 4th sample of 10:
    // b = .25*(15-10) + .75*10 = 8.75, s = .5*10 + .5*(15+8.75) = 16.875
    assertThat(apply(HW, values(0, 10, 10, 10), 0.5, 0.25)).isEqualTo(16.875);
  }

  @Test
  void fewerThanTwoSamplesYieldNothing() {
    assertThat(apply(HW, values(3), 0.5, 0.5)).isNull();
    assertThat(apply(HW, values(), 0.5, 0.5)).isNull();
  }

  @Test
  void rejectsFactorsOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> HW.apply(values(1, 2), new double[] {1, 0.5}))
        .isInstanceOf(FunctionException.class)
        .hasMessage("invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000");
    assertThatThrownBy(() -> HW.apply(values(1, 2), new double[] {0.5, 0}))
        .isInstanceOf(FunctionException.class)
        .hasMessage("invalid trend factor. Expected: 0 < tf < 1, got: 0.000000");
    assertThatThrownBy(() -> HW.apply(values(1), new double[] {-0.25, 0.5}))
        .hasMessage("invalid smoothing factor. Expected: 0 < sf < 1, got: -0.250000");
    assertThatThrownBy(() -> HW.apply(values(1), new double[] {0.5, Double.POSITIVE_INFINITY}))
        .hasMessage("invalid trend factor. Expected: 0 < tf < 1, got: +Inf");
  }

  @Test
  void nanFactorsPassTheCheck() {
    assertThat(apply(HW, values(1, 2, 3), Double.NaN, 0.5)).isNaN();
  }

  @Test
  void formatsLikeGoPercentF() {
    assertThat(HoltWinters.goFixed6(0.0078125)).isEqualTo("0.007812"); // tie to even
    assertThat(HoltWinters.goFixed6(0.0078135)).isEqualTo("0.007813");
    assertThat(HoltWinters.goFixed6(-0.0)).isEqualTo("-0.000000");
    assertThat(HoltWinters.goFixed6(-1e-9)).isEqualTo("-0.000000");
    assertThat(HoltWinters.goFixed6(1e20)).isEqualTo("100000000000000000000.000000");
    assertThat(HoltWinters.goFixed6(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(HoltWinters.goFixed6(Double.NaN)).isEqualTo("NaN");
  }
}
