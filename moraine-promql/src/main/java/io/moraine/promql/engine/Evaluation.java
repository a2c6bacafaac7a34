package io.moraine.promql.engine;

import io.moraine.core.storage.Querier;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of one query's evaluation: its querier, limits and the samples it holds. Dispatches
 * each node kind to its evaluator. Not thread-safe; one per query.
 */
final class Evaluation {
  private final Querier querier;
  private final EngineOptions options;
  private final QueryContext context;
  private final long queryStartMillis;
  private final long queryEndMillis;
  private long currentSamples;

  Evaluation(
      Querier querier,
      EngineOptions options,
      QueryContext context,
      long queryStartMillis,
      long queryEndMillis) {
    this.querier = querier;
    this.options = options;
    this.context = context;
    this.queryStartMillis = queryStartMillis;
    this.queryEndMillis = queryEndMillis;
  }

  Querier querier() {
    return querier;
  }

  EngineOptions options() {
    return options;
  }

  QueryContext context() {
    return context;
  }

  /** The time a node evaluates at for a step: the step, or what its {@code @} names. */
  long atTime(@Nullable At at, long stepMillis) {
    if (at == null) {
      return stepMillis;
    }
    return switch (at.kind()) {
      case TIMESTAMP -> at.millis();
      case START -> queryStartMillis;
      case END -> queryEndMillis;
    };
  }

  /**
   * Accounts for {@code n} more samples held in memory.
   *
   * @throws QueryException.TooManySamples past the limit
   */
  void countSamples(long n) {
    currentSamples += n;
    if (currentSamples > options.maxSamples()) {
      throw new QueryException.TooManySamples();
    }
  }

  /** Checks that {@code n} transient samples fit beside those held, without keeping them. */
  void checkTransient(long n) {
    if (currentSamples + n > options.maxSamples()) {
      throw new QueryException.TooManySamples();
    }
  }

  /** Evaluates {@code e} at every step; a node's children are released once it has its value. */
  EvalResult eval(Expr e, Steps steps) {
    context.check();
    long before = currentSamples;
    EvalResult r = dispatch(e, steps);
    currentSamples = before;
    countSamples(sampleCount(r));
    return r;
  }

  private EvalResult dispatch(Expr e, Steps steps) {
    return switch (e) {
      case NumberLiteral n -> scalar(n.value(), steps);
      case StringLiteral s -> new EvalResult.Str(s.value());
      case ParenExpr p -> eval(p.expr(), steps);
      case UnaryExpr u -> unary(u, steps);
      case VectorSelector vs -> Selectors.instant(this, vs, steps, false);
      case MatrixSelector ms -> RangeSources.materialize(RangeSources.of(this, ms, steps), steps);
      case SubqueryExpr sq -> RangeSources.materialize(RangeSources.of(this, sq, steps), steps);
      case Call c -> Calls.eval(this, c, steps);
      case AggregateExpr a -> aggregate(a, steps);
      case BinaryExpr b -> BinaryEval.eval(b, eval(b.lhs(), steps), eval(b.rhs(), steps), steps);
    };
  }

  private EvalResult aggregate(AggregateExpr a, Steps steps) {
    EvalResult param = a.param() == null ? null : eval(a.param(), steps);
    EvalResult.Vector input = vector(eval(a.expr(), steps));
    return AggregateEval.eval(a, input.rows(), param, steps);
  }

  private EvalResult unary(UnaryExpr u, Steps steps) {
    EvalResult r = eval(u.expr(), steps);
    if (!u.negate()) {
      return r;
    }
    return switch (r) {
      case EvalResult.ScalarSteps s -> {
        double[] v = new double[s.values().length];
        for (int i = 0; i < v.length; i++) {
          v[i] = -s.values()[i];
        }
        yield new EvalResult.ScalarSteps(v);
      }
      case EvalResult.Vector vec -> {
        List<Row> out = new ArrayList<>(vec.rows().size());
        for (Row row : vec.rows()) {
          Row neg = Row.empty(LabelOps.dropName(row.labels), steps.count());
          for (int i = row.present.nextSetBit(0); i >= 0; i = row.present.nextSetBit(i + 1)) {
            neg.set(i, -row.values[i]);
          }
          out.add(neg);
        }
        yield new EvalResult.Vector(SameLabels.joinOrFail(out));
      }
      default -> throw new IllegalStateException("BUG: unary minus on " + r);
    };
  }

  static EvalResult.ScalarSteps scalar(double v, Steps steps) {
    double[] a = new double[steps.count()];
    Arrays.fill(a, v);
    return new EvalResult.ScalarSteps(a);
  }

  static EvalResult.Vector vector(EvalResult r) {
    if (r instanceof EvalResult.Vector v) {
      return v;
    }
    throw new IllegalStateException("BUG: expected a vector, got " + r);
  }

  static EvalResult.ScalarSteps scalarSteps(EvalResult r) {
    if (r instanceof EvalResult.ScalarSteps s) {
      return s;
    }
    throw new IllegalStateException("BUG: expected a scalar, got " + r);
  }

  private static long sampleCount(EvalResult r) {
    return switch (r) {
      case EvalResult.ScalarSteps s -> s.values().length;
      case EvalResult.Str s -> 1;
      case EvalResult.Vector v -> {
        long n = 0;
        for (Row row : v.rows()) {
          n += row.present.cardinality();
        }
        yield n;
      }
      case EvalResult.Matrix m -> {
        long n = 0;
        for (var s : m.series()) {
          n += s.size();
        }
        yield n;
      }
    };
  }
}
