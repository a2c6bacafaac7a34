package io.moraine.logs.logql.engine;

import io.moraine.logs.logql.ast.BinaryOp;

/**
 * The arithmetic of LogQL's binary operators on two values, as Loki's {@code MergeBinOp}: division
 * and modulo by zero give NaN; a filtering comparison keeps the left value when true and drops the
 * sample when false; a {@code bool} comparison gives 1 or 0.
 */
final class BinaryOps {
  private BinaryOps() {}

  /** Whether the sample survives: false only for a filtering comparison that is false. */
  static boolean keeps(BinaryOp op, double left, double right, boolean filter) {
    return !(op.comparison() && filter && !compare(op, left, right));
  }

  /** The result value of a sample that {@link #keeps} survives. */
  static double value(BinaryOp op, double left, double right, boolean filter) {
    if (op.comparison()) {
      if (filter) {
        return left;
      }
      return compare(op, left, right) ? 1 : 0;
    }
    return switch (op) {
      case ADD -> left + right;
      case SUB -> left - right;
      case MUL -> left * right;
      case DIV -> right == 0 ? Double.NaN : left / right;
      case MOD -> right == 0 ? Double.NaN : left % right;
      case POW -> Math.pow(left, right);
      default -> throw new IllegalStateException("BUG: not an arithmetic operator: " + op);
    };
  }

  /**
   * Two literals folded into one, as Loki's parser does: comparisons give 1 or 0 with or without
   * {@code bool}.
   */
  static double fold(BinaryOp op, double left, double right) {
    if (op.setOperator()) {
      throw new LogqlEvaluationException(
          String.format(
              "unexpected literal for left leg of logical/set binary operation (%s): %f",
              op.symbol(), left));
    }
    return op.comparison() ? (compare(op, left, right) ? 1 : 0) : value(op, left, right, false);
  }

  static boolean compare(BinaryOp op, double left, double right) {
    return switch (op) {
      case EQL -> left == right;
      case NEQ -> left != right;
      case GTR -> left > right;
      case GTE -> left >= right;
      case LSS -> left < right;
      case LTE -> left <= right;
      default -> throw new IllegalStateException("BUG: not a comparison: " + op);
    };
  }
}
