package io.moraine.promql.engine;

import io.moraine.promql.ast.AggregateExpr;
import java.util.List;
import org.jspecify.annotations.Nullable;

final class AggregateEval {
  private AggregateEval() {}

  static EvalResult.Vector eval(
      AggregateExpr e, List<Row> input, @Nullable EvalResult param, Steps steps) {
    throw new UnsupportedOperationException("pending merge");
  }
}
