package io.moraine.testkit.series;

/** How a synthetic series' value moves, as in the benchmark's {@code bench/lib/series.py}. */
public enum ValueKind {
  /** Info metrics, sizes, limits, zero-valued counters. */
  CONSTANT,
  /** Integer byte/packet counters. */
  COUNTER_INT,
  /** Centisecond CPU counters (2 decimals). */
  COUNTER_CENTISEC,
  /** Nanosecond-precision float counters (9 decimals, cAdvisor CPU). */
  COUNTER_NS_FLOAT,
  /** Error/drop counters that rarely move. */
  COUNTER_RARE,
  /** Memory gauges random-walking in 4 KiB pages. */
  GAUGE_WALK_PAGES,
  /** Load averages with 2 decimals. */
  GAUGE_WALK_2DEC,
  /** Noisy full-precision floats (collector durations). */
  GAUGE_NOISE_FLOAT,
  /** Seconds since the epoch with 6 decimals. */
  TIMESTAMP_FLOAT,
  /** Whole seconds since the epoch. */
  TIMESTAMP_INT,
  /** Small random integers (procs running, I/Os in progress). */
  GAUGE_SMALL_INT,
  /** Integer gauges random-walking in small steps. */
  GAUGE_WALK_INT,
  /** Cumulative histogram buckets, _count and _sum (6 decimals). */
  HISTOGRAM
}
