package io.moraine.promql.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Objects;
import org.junit.jupiter.api.Test;

class ElementwiseTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  /** Applies the table's element function {@code name}. */
  private static double call(String name, double v, double... args) {
    FunctionDef def = Objects.requireNonNull(FunctionTable.lookup(name));
    return ((FunctionDef.Element) def.impl()).fn().apply(v, args);
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  @Test
  void roundHalvesUp() {
    assertThat(call("round", 2.5)).isEqualTo(3.0);
    assertThat(call("round", -2.5)).isEqualTo(-2.0);
    assertThat(call("round", -2.51)).isEqualTo(-3.0);
    assertThat(call("round", 5.5, 2)).isEqualTo(6.0);
    assertThat(call("round", 0.123, 0.01)).isCloseTo(0.12, within(1e-15));
    assertThat(call("round", 12345, 100)).isEqualTo(12300.0);
    assertThat(call("round", NAN)).isNaN();
    assertThat(call("round", INF)).isEqualTo(INF);
  }

  @Test
  void clampFollowsGoMinAndMax() {
    assertThat(call("clamp", 5, 0, 1)).isEqualTo(1.0);
    assertThat(call("clamp", -5, 0, 1)).isEqualTo(0.0);
    assertThat(call("clamp", 0.5, 0, 1)).isEqualTo(0.5);
    assertThat(call("clamp", NAN, 0, 1)).isNaN();
    assertThat(call("clamp_min", NAN, INF)).isEqualTo(INF); // +Inf wins over NaN
    assertThat(call("clamp_min", NAN, 0)).isNaN();
    assertThat(call("clamp_max", NAN, -INF)).isEqualTo(-INF); // -Inf wins over NaN
    assertThat(call("clamp_max", 3, NAN)).isNaN();
    assertThat(bits(call("clamp_min", -0.0, 0.0))).isEqualTo(bits(0.0));
    assertThat(bits(call("clamp_max", 0.0, -0.0))).isEqualTo(bits(-0.0));
  }

  @Test
  void clampIsEmptyWhenMaxBelowMin() {
    FunctionDef.Element clamp =
        (FunctionDef.Element) Objects.requireNonNull(FunctionTable.lookup("clamp")).impl();
    FunctionDef.ArgsPredicate empty = Objects.requireNonNull(clamp.emptyWhen());
    assertThat(empty.test(new double[] {2, 1})).isTrue();
    assertThat(empty.test(new double[] {1, 1})).isFalse();
    assertThat(empty.test(new double[] {NAN, 1})).isFalse();
  }

  @Test
  void sgnKeepsZeroAndNaN() {
    assertThat(call("sgn", -3)).isEqualTo(-1.0);
    assertThat(call("sgn", 0.1)).isEqualTo(1.0);
    assertThat(call("sgn", -INF)).isEqualTo(-1.0);
    assertThat(bits(call("sgn", -0.0))).isEqualTo(bits(-0.0));
    assertThat(call("sgn", NAN)).isNaN();
  }

  @Test
  void logarithms() {
    assertThat(call("log2", 8)).isEqualTo(3.0);
    assertThat(call("log2", 0.25)).isEqualTo(-2.0);
    assertThat(call("log2", Double.MIN_VALUE)).isEqualTo(-1074.0);
    assertThat(call("log2", 10)).isCloseTo(3.3219280948873626, within(1e-15));
    assertThat(call("log2", 20)).isCloseTo(4.321928094887363, within(1e-15));
    assertThat(call("log2", 3e-310)).isCloseTo(Math.log(3e-310) / Math.log(2), within(1e-12));
    assertThat(call("log2", 0)).isEqualTo(-INF);
    assertThat(call("log2", -1)).isNaN();
    assertThat(call("log2", INF)).isEqualTo(INF);
    assertThat(call("log10", 10)).isEqualTo(1.0);
    assertThat(call("ln", 0)).isEqualTo(-INF);
    assertThat(call("ln", -10)).isNaN();
    assertThat(call("exp", 10)).isCloseTo(22026.465794806718, within(1e-9));
    assertThat(call("sqrt", 20)).isCloseTo(4.47213595499958, within(1e-14));
  }

  @Test
  void inverseHyperbolicFunctions() {
    assertThat(call("asinh", 10)).isCloseTo(2.99822295029797, within(1e-14));
    assertThat(call("asinh", 20)).isCloseTo(3.6895038689889055, within(1e-14));
    assertThat(call("asinh", -10)).isEqualTo(-call("asinh", 10));
    assertThat(call("asinh", 0.5)).isCloseTo(0.48121182505960347, within(1e-15));
    assertThat(call("asinh", 1e300)).isCloseTo(Math.log(1e300) + Math.log(2), within(1e-12));
    assertThat(bits(call("asinh", -0.0))).isEqualTo(bits(-0.0));
    assertThat(call("acosh", 10)).isCloseTo(2.993222846126381, within(1e-14));
    assertThat(call("acosh", 20)).isCloseTo(3.6882538673612966, within(1e-14));
    assertThat(call("acosh", 1.5)).isCloseTo(0.9624236501192069, within(1e-15));
    assertThat(call("acosh", 1)).isEqualTo(0.0);
    assertThat(call("acosh", 0.5)).isNaN();
    assertThat(call("acosh", INF)).isEqualTo(INF);
    assertThat(call("atanh", -0.1)).isCloseTo(-0.10033534773107522, within(1e-15));
    assertThat(call("atanh", 0.75)).isCloseTo(0.9729550745276566, within(1e-15));
    assertThat(call("atanh", 1)).isEqualTo(INF);
    assertThat(call("atanh", -1)).isEqualTo(-INF);
    assertThat(call("atanh", 9.9)).isNaN();
    assertThat(call("atanh", NAN)).isNaN();
  }

  @Test
  void trigonometryAndAngles() {
    assertThat(call("sin", 10)).isCloseTo(-0.5440211108893699, within(1e-15));
    assertThat(call("tanh", 10)).isCloseTo(0.9999999958776927, within(1e-15));
    assertThat(call("asin", 20)).isNaN();
    assertThat(call("deg", 10)).isCloseTo(572.9577951308232, within(1e-12));
    assertThat(call("rad", 10)).isCloseTo(0.17453292519943295, within(1e-16));
    assertThat(call("deg", Math.PI)).isEqualTo(180.0);
    assertThat(bits(call("abs", -0.0))).isEqualTo(bits(0.0));
    assertThat(bits(call("ceil", -0.5))).isEqualTo(bits(-0.0));
    assertThat(call("floor", -0.5)).isEqualTo(-1.0);
    assertThat(Elementwise.goMax(NAN, 1)).isNaN();
  }
}
