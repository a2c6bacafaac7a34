package io.moraine.testkit.data;

/**
 * How a generated series' value moves from one step to the next, after the value kinds of the
 * benchmark's {@code lib/series.py}.
 */
public enum ValueKind {
  /** Never changes: info metrics, sizes, limits, zero-valued counters. */
  CONSTANT(true),
  /** Integer byte or packet counter: grows by about rate x step. */
  COUNTER_INT(true),
  /** Seconds counter with two decimals (CPU time in centiseconds). */
  COUNTER_CENTISECONDS(false),
  /** Seconds counter with nine decimals (cAdvisor CPU time in nanoseconds). */
  COUNTER_NANOSECONDS(false),
  /** Error or drop counter that rarely moves. */
  COUNTER_RARE(true),
  /** Memory gauge walking in 4 KiB pages between bounds. */
  GAUGE_PAGES(true),
  /** Load average: mean-reverting walk with two decimals. */
  GAUGE_LOAD(false),
  /** Full-precision noisy gauge (collector durations). */
  GAUGE_NOISE(false),
  /** Seconds since the epoch with microseconds. */
  TIMESTAMP_FLOAT(false),
  /** Whole seconds since the epoch. */
  TIMESTAMP_INT(true),
  /** Small random integer (processes running, I/Os in progress). */
  GAUGE_SMALL(true),
  /** Integer walk between bounds (file descriptors, sockets). */
  GAUGE_WALK_INT(true),
  /** Cumulative bucket count of a classic histogram. */
  HISTOGRAM_BUCKET(true),
  /** Sum of a classic histogram, six decimals. */
  HISTOGRAM_SUM(false),
  /** Observation count of a classic histogram. */
  HISTOGRAM_COUNT(true);

  private final boolean integral;

  ValueKind(boolean integral) {
    this.integral = integral;
  }

  /** Whether values of this kind are always whole numbers (written without a fraction). */
  public boolean integral() {
    return integral;
  }
}
