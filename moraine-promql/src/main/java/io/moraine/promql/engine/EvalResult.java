package io.moraine.promql.engine;

import io.moraine.promql.value.SeriesPoints;
import java.util.List;

/** What an evaluator hands to its parent: the value of a subexpression at every step, columnar. */
sealed interface EvalResult {
  /** A scalar at every step. */
  record ScalarSteps(double[] values) implements EvalResult {}

  /** A string (the same at every step). */
  record Str(String value) implements EvalResult {}

  /** An instant vector: one row per series, in the order the expression produced them. */
  record Vector(List<Row> rows) implements EvalResult {}

  /**
   * A range vector's raw points (a matrix selector or subquery evaluated at an instant query's
   * single step), only ever the final result.
   */
  record Matrix(List<SeriesPoints> series) implements EvalResult {}
}
