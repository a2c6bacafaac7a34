package io.moraine.logs.push;

/**
 * A push body that cannot be decoded; the message names what was wrong and where (which stream,
 * which entry, which field). The whole request is refused (HTTP 400). Cheap: no stack trace.
 */
public final class InvalidPushException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidPushException(String message) {
    super(message, null, false, false);
  }

  /** This error with {@code where} (e.g. {@code stream 2}) put in front of its message. */
  InvalidPushException at(String where) {
    return new InvalidPushException(where + ": " + getMessage());
  }
}
