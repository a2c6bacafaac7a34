package io.moraine.promql.ast;

/** {@code -expr} or {@code +expr}. */
public record UnaryExpr(boolean negate, Expr expr, PosRange pos) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }
}
