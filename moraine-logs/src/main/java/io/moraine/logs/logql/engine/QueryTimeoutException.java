package io.moraine.logs.logql.engine;

/** A query ran past {@link EngineOptions#timeoutNanos()}. */
public final class QueryTimeoutException extends LogqlEvaluationException {
  private static final long serialVersionUID = 1L;

  /**
   * @param timeoutNanos the limit that was passed
   */
  public QueryTimeoutException(long timeoutNanos) {
    super("context deadline exceeded: query timed out after " + timeoutNanos / 1_000_000 + "ms");
  }
}
