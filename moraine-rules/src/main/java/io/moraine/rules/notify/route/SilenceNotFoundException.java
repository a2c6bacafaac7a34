package io.moraine.rules.notify.route;

/** No silence has the requested id (HTTP 404). */
public final class SilenceNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SilenceNotFoundException(String id) {
    super("silence not found: " + id);
  }
}
