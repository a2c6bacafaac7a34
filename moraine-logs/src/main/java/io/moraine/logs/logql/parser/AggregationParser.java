package io.moraine.logs.logql.parser;

import io.moraine.logs.logql.ast.Grouping;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.SampleExpr;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.ast.VectorAggregation;
import io.moraine.logs.logql.ast.VectorOp;
import io.moraine.logs.logql.units.GoFloat;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Range aggregations over log ranges (every placement of pipeline, unwrap, range and offset that
 * Loki's grammar accepts) and vector aggregations with their parameter and grouping checks.
 */
final class AggregationParser {
  private static final Set<RangeOp> GROUPING_ALLOWED =
      EnumSet.of(
          RangeOp.AVG_OVER_TIME,
          RangeOp.STDDEV_OVER_TIME,
          RangeOp.STDVAR_OVER_TIME,
          RangeOp.QUANTILE_OVER_TIME,
          RangeOp.MAX_OVER_TIME,
          RangeOp.MIN_OVER_TIME,
          RangeOp.FIRST_OVER_TIME,
          RangeOp.LAST_OVER_TIME);
  private static final Set<RangeOp> WITHOUT_UNWRAP_ALLOWED =
      EnumSet.of(
          RangeOp.BYTES_OVER_TIME,
          RangeOp.BYTES_RATE,
          RangeOp.COUNT_OVER_TIME,
          RangeOp.RATE,
          RangeOp.ABSENT_OVER_TIME);
  private static final Set<RangeOp> WITH_UNWRAP_FORBIDDEN =
      EnumSet.of(RangeOp.COUNT_OVER_TIME, RangeOp.BYTES_OVER_TIME, RangeOp.BYTES_RATE);

  private final ExprParser expr;
  private final TokenCursor in;

  AggregationParser(ExprParser expr) {
    this.expr = expr;
    this.in = expr.in;
  }

  /** {@code rate(...)} and the other range functions, at the function token. */
  SampleExpr range() {
    Token fn = in.next();
    RangeOp op = rangeOp(fn.text());
    in.expect(TokenType.OPEN_PAREN, "(");
    Token param = null;
    if (in.at(TokenType.NUMBER)) {
      param = in.next();
      in.expect(TokenType.COMMA, ",");
    }
    LogRange range = logRange();
    in.expect(TokenType.CLOSE_PAREN, null);
    Grouping grouping = in.at(TokenType.BY) || in.at(TokenType.WITHOUT) ? expr.grouping() : null;
    Double value = null;
    String error = null;
    if (param != null) {
      if (op != RangeOp.QUANTILE_OVER_TIME) {
        error = "parameter " + param.text() + " not supported for operation " + op.logqlName();
      } else {
        try {
          value = GoFloat.parse(param.text());
        } catch (IllegalArgumentException e) {
          error = "invalid parameter for operation " + op.logqlName() + ": " + e.getMessage();
        }
      }
    } else if (op == RangeOp.QUANTILE_OVER_TIME) {
      error = "parameter required for operation " + op.logqlName();
    }
    if (error == null) {
      error = rangeError(op, grouping, range.unwrap());
    }
    RangeAggregation node = new RangeAggregation(op, range, value, grouping);
    return error == null ? node : expr.invalid(node, fn, error);
  }

  private static @Nullable String rangeError(RangeOp op, @Nullable Grouping g, @Nullable Unwrap u) {
    if (g != null && !GROUPING_ALLOWED.contains(op)) {
      return "grouping not allowed for " + op.logqlName() + " aggregation";
    }
    if (u != null) {
      return WITH_UNWRAP_FORBIDDEN.contains(op)
          ? "invalid aggregation " + op.logqlName() + " with unwrap"
          : null;
    }
    return WITHOUT_UNWRAP_ALLOWED.contains(op)
        ? null
        : "invalid aggregation " + op.logqlName() + " without unwrap";
  }

  private LogRange logRange() {
    if (!in.at(TokenType.OPEN_PAREN)) {
      if (!in.at(TokenType.OPEN_BRACE)) {
        throw in.unexpected("NUMBER or { or (");
      }
      LogSelector s = expr.pipeline.logSelector(true);
      return afterSelector(s, unwrapIfAny(), true);
    }
    in.next();
    if (in.at(TokenType.OPEN_PAREN)) {
      LogRange inner = logRange();
      in.expect(TokenType.CLOSE_PAREN, null);
      return inner;
    }
    if (!in.at(TokenType.OPEN_BRACE)) {
      throw in.unexpected("{ or (");
    }
    LogSelector s = expr.pipeline.logSelector(true);
    Unwrap unwrap = unwrapIfAny();
    if (in.at(TokenType.RANGE)) {
      LogRange inner = afterSelector(s, unwrap, true);
      in.expect(TokenType.CLOSE_PAREN, null);
      return inner;
    }
    in.expect(TokenType.CLOSE_PAREN, null);
    boolean bare = s.stages().isEmpty() && unwrap == null;
    Token range = in.expect(TokenType.RANGE, "RANGE");
    long offset = offset();
    if (bare && in.at(TokenType.PIPE) && in.peek(1).is(TokenType.UNWRAP)) {
      unwrap = expr.pipeline.labelFilters().unwrap();
    }
    return new LogRange(s, range.number(), offset, unwrap);
  }

  /** The range, offset and (for a bare selector) the pipeline written after them. */
  private LogRange afterSelector(LogSelector s, @Nullable Unwrap unwrap, boolean pipelineAfter) {
    Token range = in.expect(TokenType.RANGE, null);
    long offset = offset();
    if (pipelineAfter && s.stages().isEmpty() && unwrap == null) {
      List<Stage> stages = expr.pipeline.pipeline(true);
      if (!stages.isEmpty()) {
        LogSelector withStages = new LogSelector(s.matchers(), stages);
        expr.pipeline.selectorPositions.put(withStages, expr.pipeline.selectorPositions.get(s));
        s = withStages;
      }
      unwrap = unwrapIfAny();
    }
    return new LogRange(s, range.number(), offset, unwrap);
  }

  private @Nullable Unwrap unwrapIfAny() {
    if (in.at(TokenType.PIPE) && in.peek(1).is(TokenType.UNWRAP)) {
      return expr.pipeline.labelFilters().unwrap();
    }
    return null;
  }

  private long offset() {
    if (!in.accept(TokenType.OFFSET)) {
      return 0;
    }
    return in.expect(TokenType.DURATION, "DURATION").number();
  }

  /** {@code sum by (a) (...)}, {@code topk(5, ...)}, at the operator token. */
  SampleExpr vector() {
    Token fn = in.next();
    VectorOp op = vectorOp(fn.text());
    Grouping grouping = in.at(TokenType.BY) || in.at(TokenType.WITHOUT) ? expr.grouping() : null;
    boolean groupedBefore = grouping != null;
    in.expect(TokenType.OPEN_PAREN, groupedBefore ? "(" : "( or by or without");
    Token param = null;
    if (in.at(TokenType.NUMBER) && in.peek(1).is(TokenType.COMMA)) {
      param = in.next();
      in.next();
    }
    SampleExpr inner = expr.metric();
    in.expect(TokenType.CLOSE_PAREN, null);
    if (!groupedBefore && (in.at(TokenType.BY) || in.at(TokenType.WITHOUT))) {
      grouping = expr.grouping();
    }
    int k = 0;
    String error = null;
    if (op == VectorOp.TOPK || op == VectorOp.BOTTOMK) {
      if (param == null) {
        error = "parameter required for operation " + op.logqlName();
      } else {
        try {
          long parsed = Long.parseLong(param.text());
          if (parsed <= 0) {
            error =
                "invalid parameter (must be greater than 0) " + op.logqlName() + "(" + param.text();
          }
          k = (int) Math.min(parsed, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
          error = "invalid parameter " + op.logqlName() + "(" + param.text() + ",";
        }
      }
    } else if (param != null) {
      error = "unsupported parameter for operation " + op.logqlName() + "(" + param.text() + ",";
    }
    if (error == null
        && (op == VectorOp.SORT || op == VectorOp.SORT_DESC)
        && grouping != null
        && !grouping.labels().isEmpty()) {
      error = "sort and sort_desc doesn't allow grouping by ";
    }
    VectorAggregation node = new VectorAggregation(op, inner, grouping, k);
    return error == null ? node : expr.invalid(node, fn, error);
  }

  private static RangeOp rangeOp(String name) {
    for (RangeOp op : RangeOp.values()) {
      if (op.logqlName().equals(name)) {
        return op;
      }
    }
    throw new IllegalStateException("BUG: lexer produced unknown range function " + name);
  }

  private static VectorOp vectorOp(String name) {
    for (VectorOp op : VectorOp.values()) {
      if (op.logqlName().equals(name)) {
        return op;
      }
    }
    throw new IllegalStateException("BUG: lexer produced unknown aggregation " + name);
  }
}
