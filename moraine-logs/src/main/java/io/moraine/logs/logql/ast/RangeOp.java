package io.moraine.logs.logql.ast;

/** Range aggregation functions, with their LogQL names and whether they need an unwrap. */
public enum RangeOp {
  COUNT_OVER_TIME("count_over_time", false),
  RATE("rate", false),
  BYTES_OVER_TIME("bytes_over_time", false),
  BYTES_RATE("bytes_rate", false),
  ABSENT_OVER_TIME("absent_over_time", false),
  RATE_COUNTER("rate_counter", true),
  SUM_OVER_TIME("sum_over_time", true),
  AVG_OVER_TIME("avg_over_time", true),
  MIN_OVER_TIME("min_over_time", true),
  MAX_OVER_TIME("max_over_time", true),
  STDDEV_OVER_TIME("stddev_over_time", true),
  STDVAR_OVER_TIME("stdvar_over_time", true),
  QUANTILE_OVER_TIME("quantile_over_time", true),
  FIRST_OVER_TIME("first_over_time", true),
  LAST_OVER_TIME("last_over_time", true);

  private final String logqlName;
  private final boolean needsUnwrap;

  RangeOp(String logqlName, boolean needsUnwrap) {
    this.logqlName = logqlName;
    this.needsUnwrap = needsUnwrap;
  }

  /** The function's name in LogQL. */
  public String logqlName() {
    return logqlName;
  }

  /**
   * Whether the function requires an unwrapped range (rate also accepts one: then it is the
   * per-second sum of the unwrapped values).
   */
  public boolean needsUnwrap() {
    return needsUnwrap;
  }
}
