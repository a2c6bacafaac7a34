package io.moraine.logs.logql.engine;

import java.util.List;

/**
 * Evaluates a metric expression step by step, as Loki's step evaluators: every evaluator of one
 * query walks the same steps, so binary operators advance both legs together. Not thread-safe.
 */
interface StepEvaluator {
  /** Moves to the next step; false past the last. */
  boolean next();

  /** The current step's time in milliseconds. */
  long timestampMillis();

  /** The current step's samples; the caller may keep and change the list. */
  List<SeriesSample> samples();
}
