package io.moraine.promql.ast;

/** A range vector selector, {@code selector[5m]}; offset and {@code @} live on the selector. */
public record MatrixSelector(VectorSelector selector, long rangeMillis, PosRange pos)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }
}
