package io.moraine.logs.logql.ast;

/** Vector aggregation operators, with their LogQL names. */
public enum VectorOp {
  SUM("sum"),
  AVG("avg"),
  MIN("min"),
  MAX("max"),
  COUNT("count"),
  STDDEV("stddev"),
  STDVAR("stdvar"),
  TOPK("topk"),
  BOTTOMK("bottomk"),
  SORT("sort"),
  SORT_DESC("sort_desc");

  private final String logqlName;

  VectorOp(String logqlName) {
    this.logqlName = logqlName;
  }

  /** The operator's name in LogQL. */
  public String logqlName() {
    return logqlName;
  }
}
