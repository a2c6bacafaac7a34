package io.moraine.promql.function;

/** The math of a function over a range vector (rate, *_over_time, ...), one window at a time. */
@FunctionalInterface
public interface RangeFn {
  /**
   * Computes the function over one window.
   *
   * @param args the values of the function's scalar arguments at this step, in declaration order,
   *     the range vector left out (e.g. {@code [φ]} for {@code quantile_over_time})
   * @return false when this window yields no output sample (e.g. rate over fewer than two samples);
   *     otherwise the value is in {@link Window#result}
   */
  boolean apply(Window w, double[] args);
}
