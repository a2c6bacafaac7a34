package io.moraine.promql.engine;

import org.jspecify.annotations.Nullable;

/**
 * Collects the evaluation errors found over all steps and keeps the one Prometheus would meet
 * first: its step loop stops at the earliest step, and within a step the checks run in a fixed
 * order (the rank), then over the series in order (the tie). Not thread-safe.
 */
final class EarliestFailure {
  private int step = Integer.MAX_VALUE;
  private int rank;
  private int tie;
  private @Nullable String message;

  /** Records an error at {@code step}; a negative step means none and is ignored. */
  void offer(int step, int rank, int tie, String message) {
    if (step < 0) {
      return;
    }
    boolean earlier =
        this.message == null
            || step < this.step
            || (step == this.step && (rank < this.rank || (rank == this.rank && tie < this.tie)));
    if (earlier) {
      this.step = step;
      this.rank = rank;
      this.tie = tie;
      this.message = message;
    }
  }

  /**
   * @throws QueryException.Execution with the earliest error's message, if any was offered
   */
  void raise() {
    if (message != null) {
      throw new QueryException.Execution(message);
    }
  }
}
