package io.moraine.promql.engine;

/**
 * The deadline and cancellation of one query. Thread-safe: the HTTP layer cancels from its own
 * thread while the evaluation polls {@link #check} between series and steps.
 */
public final class QueryContext {
  private final long deadlineNanos;
  private volatile boolean canceled;

  private QueryContext(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** A query that may run for {@code timeoutNanos} from now. */
  public static QueryContext withTimeout(long timeoutNanos) {
    long now = System.nanoTime();
    long deadline = now + timeoutNanos;
    return new QueryContext(deadline < now ? Long.MAX_VALUE : deadline);
  }

  /** A query with no deadline (tests, the script runner). */
  public static QueryContext unlimited() {
    return new QueryContext(Long.MAX_VALUE);
  }

  /** Stops the evaluation at its next check with {@link QueryException.Canceled}. */
  public void cancel() {
    canceled = true;
  }

  /**
   * Throws when the query was canceled or is past its deadline.
   *
   * @throws QueryException.Canceled after {@link #cancel}
   * @throws QueryException.Timeout after the deadline
   */
  public void check() {
    if (canceled) {
      throw new QueryException.Canceled();
    }
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
      throw new QueryException.Timeout();
    }
  }
}
