package io.moraine.promql.engine;

import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Queryable;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.promql.value.SeriesPoints;
import io.moraine.promql.value.StringValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    Steps steps = Steps.instant(timeMillis);
    EvalResult r = run(db, expr, timeMillis, timeMillis, steps, ctx);
    return switch (r) {
      case EvalResult.ScalarSteps s -> new Scalar(timeMillis, s.values()[0]);
      case EvalResult.Str s -> new StringValue(timeMillis, s.value());
      case EvalResult.Matrix m -> new RangeMatrix(m.series());
      case EvalResult.Vector v -> {
        List<Sample> out = new ArrayList<>(v.rows().size());
        for (Row row : v.rows()) {
          if (row.has(0)) {
            out.add(new Sample(row.labels, timeMillis, row.values[0]));
          }
        }
        yield new InstantVector(out);
      }
    };
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
    if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
      throw new QueryException.BadData(
          "invalid expression type \""
              + (expr.type() == ValueType.MATRIX ? "range vector" : expr.type().docName())
              + "\" for range query, must be Scalar or instant Vector");
    }
    if (stepMillis <= 0) {
      throw new QueryException.BadData(
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if (endMillis < startMillis) {
      throw new QueryException.BadData("end timestamp must not be before start time");
    }
    long count = (endMillis - startMillis) / stepMillis + 1;
    Steps steps = new Steps(startMillis, stepMillis, Math.toIntExact(count));
    EvalResult r = run(db, expr, startMillis, endMillis, steps, ctx);
    List<Row> rows =
        switch (r) {
          case EvalResult.ScalarSteps s -> {
            Row row = Row.empty(io.moraine.core.labels.Labels.EMPTY, steps.count());
            for (int i = 0; i < steps.count(); i++) {
              row.set(i, s.values()[i]);
            }
            yield List.of(row);
          }
          case EvalResult.Vector v -> v.rows();
          default -> throw new IllegalStateException("BUG: range query result " + r);
        };
    List<SeriesPoints> out = new ArrayList<>(rows.size());
    for (Row row : SameLabels.joinOrFail(new ArrayList<>(rows))) {
      int n = row.present.cardinality();
      if (n == 0) {
        continue;
      }
      long[] ts = new long[n];
      double[] vs = new double[n];
      int k = 0;
      for (int i = row.present.nextSetBit(0); i >= 0; i = row.present.nextSetBit(i + 1)) {
        ts[k] = steps.at(i);
        vs[k] = row.values[i];
        k++;
      }
      out.add(new SeriesPoints(row.labels, ts, vs, n));
    }
    out.sort(Comparator.comparing(SeriesPoints::labels));
    return new RangeMatrix(out);
  }

  private EvalResult run(
      Queryable db, Expr expr, long start, long end, Steps steps, QueryContext ctx) {
    QueryBounds b = QueryBounds.of(expr, start, end, options.lookbackDeltaMillis());
    long mint = b.isEmpty() ? start : b.mint;
    long maxt = b.isEmpty() ? end : b.maxt;
    try (Querier q = db.querier(mint, maxt)) {
      return new Evaluation(q, options, ctx, start, end).eval(expr, steps);
    }
  }
}
