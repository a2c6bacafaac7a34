package io.moraine.ingest.discovery;

/**
 * A target-group file or HTTP body that cannot be read as a list of groups; the message names the
 * line and column where known and what was wrong.
 */
final class TargetGroupFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  TargetGroupFormatException(String message) {
    super(message);
  }

  TargetGroupFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
