package io.moraine.server.store;

/**
 * The store is not open: still replaying its log at startup, or already closed at shutdown. The
 * HTTP layer answers 503 {@code unavailable}.
 */
public final class NotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotReadyException(String message) {
    super(message, null, false, false);
  }
}
