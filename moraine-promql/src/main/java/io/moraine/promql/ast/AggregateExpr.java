package io.moraine.promql.ast;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code op [by|without (labels)] ([param,] expr)}.
 *
 * @param param the scalar ({@code topk}, {@code bottomk}, {@code quantile}) or string ({@code
 *     count_values}) parameter, or null
 * @param grouping the {@code by} or {@code without} labels, in written order
 */
public record AggregateExpr(
    AggregateOp op,
    Expr expr,
    @Nullable Expr param,
    List<String> grouping,
    boolean without,
    PosRange pos)
    implements Expr {
  public AggregateExpr {
    grouping = List.copyOf(grouping);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }
}
