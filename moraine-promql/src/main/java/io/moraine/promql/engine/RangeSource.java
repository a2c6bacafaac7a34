package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;

/**
 * A cursor over the series of a range vector (a matrix selector or a subquery), one series' raw
 * points at a time, and the window each step sees. Not thread-safe; the arrays are reused between
 * series.
 */
interface RangeSource {
  /** Loads the next series; false at the end. */
  boolean next();

  Labels labels();

  /** Point times of the current series, ascending, {@link #size} of them valid. */
  long[] ts();

  double[] vs();

  int size();

  /** Inclusive end of step {@code i}'s window in ms (evaluation time minus offset). */
  long windowEnd(int step);

  /** The range of each window in ms: a window is {@code [windowEnd - range, windowEnd]}. */
  long rangeMillis();

  /** The matrix selector this reads, or null for a subquery (absent_over_time uses it). */
  io.moraine.promql.ast.@org.jspecify.annotations.Nullable VectorSelector selector();
}
