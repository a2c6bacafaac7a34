package io.moraine.promql.script;

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
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The extra instant queries Prometheus 2.42's test runner makes of every instant eval: the same
 * expression with every selector and subquery that has no fixed {@code @} time pinned to the eval
 * time, evaluated at other times, must give the same result. Selectors inside a subquery are left
 * alone (the subquery itself is pinned), a fixed {@code @ t} is kept, {@code @ start()} and
 * {@code @ end()} are replaced. Expressions calling a function whose result depends on the
 * evaluation time itself get no variants.
 */
final class AtModifierVariants {
  /** 2.42's {@code AtModifierUnsafeFunctions}. */
  private static final Set<String> TIME_DEPENDENT =
      Set.of(
          "days_in_month",
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "hour",
          "minute",
          "month",
          "year",
          "predict_linear",
          "time",
          "timestamp");

  private AtModifierVariants() {}

  /**
   * A query to run: an expression and the time to evaluate it at.
   *
   * @param pinnedMillis the {@code @} time given to the selectors, or null for the eval's own query
   */
  record Variant(Expr expr, long evalMillis, @Nullable Long pinnedMillis) {}

  /** The variants for an eval at {@code timeMillis}; empty for time-dependent expressions. */
  static List<Variant> of(Expr expr, long timeMillis) {
    if (callsTimeDependent(expr)) {
      return List.of();
    }
    Expr pinned = pin(expr, At.timestamp(timeMillis));
    long[] times =
        timeMillis == 0
            ? new long[] {-1000, 0, 1000}
            : new long[] {-10 * timeMillis, 0, timeMillis / 5, timeMillis, 10 * timeMillis};
    List<Variant> out = new ArrayList<>(times.length);
    for (long t : times) {
      out.add(new Variant(pinned, t, timeMillis));
    }
    return out;
  }

  /**
   * The expression with {@code at} on every selector and outermost subquery lacking a fixed one.
   */
  static Expr pin(Expr e, At at) {
    return switch (e) {
      case VectorSelector vs -> pinSelector(vs, at);
      case MatrixSelector ms ->
          new MatrixSelector(pinSelector(ms.selector(), at), ms.rangeMillis(), ms.pos());
      case SubqueryExpr sq ->
          new SubqueryExpr(
              sq.expr(),
              sq.rangeMillis(),
              sq.stepMillis(),
              sq.offsetMillis(),
              fixed(sq.at()) ? sq.at() : at,
              sq.pos());
      case Call c -> new Call(c.func(), c.args().stream().map(a -> pin(a, at)).toList(), c.pos());
      case AggregateExpr a ->
          new AggregateExpr(
              a.op(),
              pin(a.expr(), at),
              a.param() == null ? null : pin(a.param(), at),
              a.grouping(),
              a.without(),
              a.pos());
      case BinaryExpr b ->
          new BinaryExpr(
              b.op(), pin(b.lhs(), at), pin(b.rhs(), at), b.matching(), b.returnBool(), b.pos());
      case UnaryExpr u -> new UnaryExpr(u.negate(), pin(u.expr(), at), u.pos());
      case ParenExpr p -> new ParenExpr(pin(p.expr(), at), p.pos());
      case NumberLiteral n -> n;
      case StringLiteral s -> s;
    };
  }

  private static VectorSelector pinSelector(VectorSelector vs, At at) {
    if (fixed(vs.at())) {
      return vs;
    }
    return new VectorSelector(vs.name(), vs.matchers(), vs.offsetMillis(), at, vs.pos());
  }

  /** A fixed {@code @ t}; 2.42 treats {@code start()} and {@code end()} as unset here. */
  private static boolean fixed(@Nullable At at) {
    return at != null && at.kind() == At.Kind.TIMESTAMP;
  }

  private static boolean callsTimeDependent(Expr e) {
    return switch (e) {
      case Call c ->
          TIME_DEPENDENT.contains(c.func().name())
              || c.args().stream().anyMatch(AtModifierVariants::callsTimeDependent);
      case AggregateExpr a ->
          callsTimeDependent(a.expr()) || (a.param() != null && callsTimeDependent(a.param()));
      case BinaryExpr b -> callsTimeDependent(b.lhs()) || callsTimeDependent(b.rhs());
      case UnaryExpr u -> callsTimeDependent(u.expr());
      case ParenExpr p -> callsTimeDependent(p.expr());
      case SubqueryExpr sq -> callsTimeDependent(sq.expr());
      case VectorSelector vs -> false;
      case MatrixSelector ms -> false;
      case NumberLiteral n -> false;
      case StringLiteral s -> false;
    };
  }
}
