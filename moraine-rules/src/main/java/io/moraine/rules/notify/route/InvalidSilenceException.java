package io.moraine.rules.notify.route;

/** A silence request Alertmanager would refuse (HTTP 400); the message is Alertmanager's. */
public final class InvalidSilenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSilenceException(String message) {
    super(message);
  }
}
