package io.moraine.promql.ast;

import org.jspecify.annotations.Nullable;

/**
 * {@code lhs op [bool] [on|ignoring (...)] [group_left|group_right (...)] rhs}.
 *
 * @param matching the vector matching; null unless both sides are vectors (set operators always get
 *     one with {@link VectorMatching.Cardinality#MANY_TO_MANY})
 * @param returnBool the {@code bool} modifier of a comparison
 */
public record BinaryExpr(
    BinaryOp op,
    Expr lhs,
    Expr rhs,
    @Nullable VectorMatching matching,
    boolean returnBool,
    PosRange pos)
    implements Expr {
  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
        ? ValueType.SCALAR
        : ValueType.VECTOR;
  }
}
