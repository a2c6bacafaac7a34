package io.moraine.promql.engine;

import io.moraine.core.storage.Queryable;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import java.util.Objects;

/**
 * Evaluates PromQL over a {@link Queryable}, as Prometheus 2.42 does. Thread-safe: each query gets
 * its own evaluation state. Evaluation is series-major and columnar: every subexpression is
 * computed for all steps of the query at once.
 */
public final class Engine {
  private final EngineOptions options;

  public Engine(EngineOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public EngineOptions options() {
    return options;
  }

  /**
   * Evaluates {@code expr} at one instant.
   *
   * @return a scalar, string, vector, or (for a range selector or subquery) a matrix
   * @throws QueryException when evaluation fails, times out or is canceled
   */
  public QueryValue instant(Queryable db, Expr expr, long timeMillis, QueryContext ctx) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Evaluates {@code expr} at every step from {@code startMillis} to {@code endMillis}.
   *
   * @return one series per output series, points only at steps where it had a value, series in
   *     label order
   * @throws QueryException.BadData when {@code expr} is not a scalar or instant vector, or the step
   *     is not positive
   * @throws QueryException when evaluation fails, times out or is canceled
   */
  public RangeMatrix range(
      Queryable db,
      Expr expr,
      long startMillis,
      long endMillis,
      long stepMillis,
      QueryContext ctx) {
    throw new UnsupportedOperationException("not yet");
  }
}
