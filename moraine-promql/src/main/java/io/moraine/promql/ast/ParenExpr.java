package io.moraine.promql.ast;

/** {@code (expr)}, kept so that printing round-trips. */
public record ParenExpr(Expr expr, PosRange pos) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }
}
