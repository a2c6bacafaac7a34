package io.moraine.ingest.push;

/**
 * A push that is refused as a whole (400 in Pushgateway): a malformed body, or metrics that are
 * invalid or inconsistent with the groups already held. The message is the one to answer with.
 * Nothing of the push is kept; a refused consistency check still sets the group's {@code
 * push_failure_time_seconds}.
 */
public final class PushRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PushRejectedException(String message) {
    super(message, null, false, false);
  }
}
