package io.moraine.promql.function;

/** The math of an element-wise function (abs, round, clamp, hour, ...), one sample at a time. */
@FunctionalInterface
public interface ElementFn {
  /**
   * @param v the sample's value
   * @param args the values of the function's scalar arguments at this step, in declaration order,
   *     the vector left out (e.g. {@code [min, max]} for {@code clamp})
   */
  double apply(double v, double[] args);
}
