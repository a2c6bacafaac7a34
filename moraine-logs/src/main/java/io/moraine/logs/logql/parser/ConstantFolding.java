package io.moraine.logs.logql.parser;

import io.moraine.logs.logql.ast.BinaryOp;

/**
 * Loki folds an operation between two number literals while parsing; comparisons give 1 or 0
 * whether or not {@code bool} was written, and division or modulo by zero give NaN.
 */
final class ConstantFolding {
  private ConstantFolding() {}

  static double apply(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> b == 0 ? Double.NaN : a / b;
      case MOD -> b == 0 ? Double.NaN : a % b;
      case POW -> Math.pow(a, b);
      case EQL -> a == b ? 1 : 0;
      case NEQ -> a != b ? 1 : 0;
      case GTR -> a > b ? 1 : 0;
      case GTE -> a >= b ? 1 : 0;
      case LSS -> a < b ? 1 : 0;
      case LTE -> a <= b ? 1 : 0;
      case OR, AND, UNLESS -> throw new IllegalStateException("BUG: set operator on literals");
    };
  }
}
