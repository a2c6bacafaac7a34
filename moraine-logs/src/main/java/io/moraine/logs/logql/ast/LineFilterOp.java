package io.moraine.logs.logql.ast;

/** Line filter operators, with their LogQL spelling. */
public enum LineFilterOp {
  CONTAINS("|="),
  NOT_CONTAINS("!="),
  MATCHES_REGEX("|~"),
  NOT_MATCHES_REGEX("!~"),
  MATCHES_PATTERN("|>"),
  NOT_MATCHES_PATTERN("!>");

  private final String symbol;

  LineFilterOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in LogQL. */
  public String symbol() {
    return symbol;
  }

  /** Whether a matching line is kept (true) or dropped (false). */
  public boolean positive() {
    return this == CONTAINS || this == MATCHES_REGEX || this == MATCHES_PATTERN;
  }
}
