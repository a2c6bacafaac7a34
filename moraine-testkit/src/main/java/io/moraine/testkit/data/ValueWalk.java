package io.moraine.testkit.data;

/**
 * One step of a series' value, as {@code Target.advance} of {@code lib/series.py} moves it:
 * counters only grow, gauges walk or jitter, constants stay.
 */
final class ValueWalk {
  private ValueWalk() {}

  /**
   * The value after one step of {@code dtSeconds} ending at {@code nowSeconds}; {@code r1} and
   * {@code r2} are uniform in [0, 1).
   */
  static double next(
      SeriesSpec s, double v, double dtSeconds, double nowSeconds, double r1, double r2) {
    double p1 = s.p1();
    return switch (s.kind()) {
      case CONSTANT -> v;
      case COUNTER_INT -> v + Math.floor(p1 * dtSeconds * (0.5 + r1));
      case COUNTER_CENTISECONDS -> round(v + p1 * dtSeconds * (0.6 + 0.8 * r1), 100);
      case COUNTER_NANOSECONDS -> round(v + p1 * dtSeconds * (0.6 + 0.8 * r1), 1e9);
      case COUNTER_RARE -> r1 < p1 * dtSeconds ? v + 1 + Math.floor(r2 * 4) : v;
      case GAUGE_PAGES -> {
        double delta = Math.floor(Math.floor(p1 * (r1 - 0.5) * 2) / 4096) * 4096;
        yield clamp(v + delta, s.p2(), s.p3());
      }
      case GAUGE_LOAD -> round(Math.max(0, v * 0.9 + s.p2() * 0.1 + (r1 - 0.5) * 0.3), 100);
      case GAUGE_NOISE -> s.p2() * Math.exp((r1 - 0.5) * 1.5);
      case TIMESTAMP_FLOAT -> round(nowSeconds + r1 * 1e-3, 1e6);
      case TIMESTAMP_INT -> Math.floor(nowSeconds);
      case GAUGE_SMALL -> Math.floor(r1 * (p1 + 1));
      case GAUGE_WALK_INT -> clamp(v + (long) ((r1 - 0.5) * 2 * p1), s.p2(), s.p3());
      case HISTOGRAM_BUCKET, HISTOGRAM_SUM, HISTOGRAM_COUNT ->
          throw new IllegalStateException("BUG: histogram series move with their histogram");
    };
  }

  static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.min(Math.max(v, lo), hi);
  }
}
