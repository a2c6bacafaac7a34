package io.moraine.promql.ast;

/** The aggregation operators; four of them take a parameter before the expression. */
public enum AggregateOp {
  SUM("sum", false),
  AVG("avg", false),
  COUNT("count", false),
  MIN("min", false),
  MAX("max", false),
  GROUP("group", false),
  STDDEV("stddev", false),
  STDVAR("stdvar", false),
  TOPK("topk", true),
  BOTTOMK("bottomk", true),
  COUNT_VALUES("count_values", true),
  QUANTILE("quantile", true);

  private final String text;
  private final boolean hasParam;

  AggregateOp(String text, boolean hasParam) {
    this.text = text;
    this.hasParam = hasParam;
  }

  public String text() {
    return text;
  }

  public boolean hasParam() {
    return hasParam;
  }
}
