package io.moraine.promql.function;

/** A function was called with arguments it cannot work with; an execution error to the user. */
public final class FunctionException extends RuntimeException {
  public FunctionException(String message) {
    super(message, null, false, false);
  }
}
