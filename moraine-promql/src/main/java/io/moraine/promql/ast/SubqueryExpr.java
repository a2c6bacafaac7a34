package io.moraine.promql.ast;

import org.jspecify.annotations.Nullable;

/**
 * A subquery, {@code expr[range:step] offset 1m @ 123}.
 *
 * @param stepMillis the resolution, or 0 when omitted (the engine's default evaluation interval)
 */
public record SubqueryExpr(
    Expr expr, long rangeMillis, long stepMillis, long offsetMillis, @Nullable At at, PosRange pos)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }
}
