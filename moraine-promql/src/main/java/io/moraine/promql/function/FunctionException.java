package io.moraine.promql.function;

/**
 * A function's arguments are invalid at evaluation time (e.g. a {@code holt_winters} smoothing
 * factor outside (0, 1)). The message is Prometheus 2.42's; the engine turns it into an execution
 * error of the query.
 */
public final class FunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An evaluation failure with a user-facing message. */
  public FunctionException(String message) {
    super(message);
  }
}
