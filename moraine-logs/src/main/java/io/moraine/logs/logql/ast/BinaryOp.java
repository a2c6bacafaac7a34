package io.moraine.logs.logql.ast;

/** Binary operators, with their LogQL spelling. */
public enum BinaryOp {
  OR("or"),
  AND("and"),
  UNLESS("unless"),
  EQL("=="),
  NEQ("!="),
  GTR(">"),
  GTE(">="),
  LSS("<"),
  LTE("<="),
  ADD("+"),
  SUB("-"),
  MUL("*"),
  DIV("/"),
  MOD("%"),
  POW("^");

  private final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in LogQL. */
  public String symbol() {
    return symbol;
  }

  /** Whether this is a comparison (filters unless {@code bool} is given). */
  public boolean comparison() {
    return this == EQL || this == NEQ || this == GTR || this == GTE || this == LSS || this == LTE;
  }

  /** Whether this is a set operator (and, or, unless). */
  public boolean setOperator() {
    return this == OR || this == AND || this == UNLESS;
  }
}
