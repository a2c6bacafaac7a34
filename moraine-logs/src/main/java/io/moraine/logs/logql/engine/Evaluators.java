package io.moraine.logs.logql.engine;

import io.moraine.logs.logql.ast.BinaryExpr;
import io.moraine.logs.logql.ast.LabelReplace;
import io.moraine.logs.logql.ast.NumberLiteral;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.SampleExpr;
import io.moraine.logs.logql.ast.VectorAggregation;
import io.moraine.logs.logql.ast.VectorLiteral;
import io.moraine.logs.logql.ast.VectorOp;
import org.jspecify.annotations.Nullable;

/** Builds the step evaluator of a metric expression, one small evaluator per node kind. */
final class Evaluators {
  private Evaluators() {}

  static StepEvaluator build(QueryContext ctx, SampleExpr expr, QueryParams params) {
    return switch (expr) {
      case RangeAggregation r -> new RangeAggregationEvaluator(ctx, r, params);
      case VectorAggregation v -> new VectorAggregationEvaluator(v, build(ctx, v.inner(), params));
      case LabelReplace l -> new LabelReplaceEvaluator(l, build(ctx, l.inner(), params));
      case VectorLiteral v -> new VectorLiteralEvaluator(v.value(), params);
      case BinaryExpr b -> binary(ctx, b, params);
      case NumberLiteral n ->
          throw new LogqlEvaluationException(
              "unexpected literal " + n.value() + " where a vector is expected");
    };
  }

  private static StepEvaluator binary(QueryContext ctx, BinaryExpr b, QueryParams params) {
    Double left = constant(b.left());
    Double right = constant(b.right());
    if (left != null && right != null) {
      throw new IllegalStateException("BUG: a literal-only binary expression reached a vector");
    }
    if (left != null) {
      return new LiteralBinaryEvaluator(
          b.op(), left, true, b.returnBool(), build(ctx, b.right(), params));
    }
    if (right != null) {
      return new LiteralBinaryEvaluator(
          b.op(), right, false, b.returnBool(), build(ctx, b.left(), params));
    }
    return new VectorBinaryEvaluator(
        b, build(ctx, b.left(), params), build(ctx, b.right(), params));
  }

  /**
   * The value of an expression made of number literals only (folded as Loki's parser folds {@code 1
   * + 1}), or null when it reads data.
   */
  static @Nullable Double constant(SampleExpr expr) {
    if (expr instanceof NumberLiteral n) {
      return n.value();
    }
    if (expr instanceof BinaryExpr b) {
      Double l = constant(b.left());
      Double r = constant(b.right());
      if (l != null && r != null) {
        return BinaryOps.fold(b.op(), l, r);
      }
    }
    return null;
  }

  /**
   * Whether the expression sorts its result (sort, sort_desc), so an instant vector keeps order.
   */
  static boolean sorts(SampleExpr expr) {
    return switch (expr) {
      case VectorAggregation v ->
          v.op() == VectorOp.SORT || v.op() == VectorOp.SORT_DESC || sorts(v.inner());
      case BinaryExpr b -> sorts(b.left()) || sorts(b.right());
      case LabelReplace l -> sorts(l.inner());
      default -> false;
    };
  }
}
