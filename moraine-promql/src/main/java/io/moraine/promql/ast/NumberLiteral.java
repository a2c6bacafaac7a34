package io.moraine.promql.ast;

/** A number literal such as {@code 1}, {@code 0x1f}, {@code 1e-3}, {@code Inf} or {@code NaN}. */
public record NumberLiteral(double value, PosRange pos) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }
}
