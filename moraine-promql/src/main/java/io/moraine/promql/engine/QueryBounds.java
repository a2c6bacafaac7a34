package io.moraine.promql.engine;

import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.ParenExpr;
import io.moraine.promql.ast.StringLiteral;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.UnaryExpr;
import io.moraine.promql.ast.VectorSelector;
import org.jspecify.annotations.Nullable;

/** The time range of samples a query can read, so that one querier covers exactly that. */
final class QueryBounds {
  private final long queryStart;
  private final long queryEnd;
  private final long lookback;
  long mint = Long.MAX_VALUE;
  long maxt = Long.MIN_VALUE;

  private QueryBounds(long queryStart, long queryEnd, long lookback) {
    this.queryStart = queryStart;
    this.queryEnd = queryEnd;
    this.lookback = lookback;
  }

  /** The bounds for {@code e} evaluated from {@code start} to {@code end}; empty when none. */
  static QueryBounds of(Expr e, long start, long end, long lookback) {
    QueryBounds b = new QueryBounds(start, end, lookback);
    b.walk(e, start, end);
    return b;
  }

  boolean isEmpty() {
    return mint > maxt;
  }

  private long at(@Nullable At at, long t) {
    if (at == null) {
      return t;
    }
    return switch (at.kind()) {
      case TIMESTAMP -> at.millis();
      case START -> queryStart;
      case END -> queryEnd;
    };
  }

  private void cover(long from, long to) {
    mint = Math.min(mint, from);
    maxt = Math.max(maxt, to);
  }

  private void walk(Expr e, long start, long end) {
    switch (e) {
      case VectorSelector vs ->
          cover(
              at(vs.at(), start) - vs.offsetMillis() - lookback,
              at(vs.at(), end) - vs.offsetMillis());
      case MatrixSelector ms -> {
        VectorSelector vs = ms.selector();
        cover(
            at(vs.at(), start) - vs.offsetMillis() - ms.rangeMillis(),
            at(vs.at(), end) - vs.offsetMillis());
      }
      case SubqueryExpr sq ->
          walk(
              sq.expr(),
              at(sq.at(), start) - sq.offsetMillis() - sq.rangeMillis(),
              at(sq.at(), end) - sq.offsetMillis());
      case ParenExpr p -> walk(p.expr(), start, end);
      case UnaryExpr u -> walk(u.expr(), start, end);
      case Call c -> c.args().forEach(a -> walk(a, start, end));
      case AggregateExpr a -> {
        walk(a.expr(), start, end);
        if (a.param() != null) {
          walk(a.param(), start, end);
        }
      }
      case BinaryExpr b -> {
        walk(b.lhs(), start, end);
        walk(b.rhs(), start, end);
      }
      case NumberLiteral n -> {}
      case StringLiteral s -> {}
    }
  }
}
