package io.moraine.promql.engine;

import io.moraine.promql.ast.BinaryExpr;

final class BinaryEval {
  private BinaryEval() {}

  static EvalResult eval(BinaryExpr e, EvalResult lhs, EvalResult rhs, Steps steps) {
    throw new UnsupportedOperationException("pending merge");
  }
}
