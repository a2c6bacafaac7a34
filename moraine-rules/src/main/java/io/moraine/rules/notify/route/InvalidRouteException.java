package io.moraine.rules.notify.route;

/** A routing tree or inhibition rule that Alertmanager would refuse; the message says why. */
public final class InvalidRouteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRouteException(String message) {
    super(message);
  }

  public InvalidRouteException(String message, Throwable cause) {
    super(message, cause);
  }
}
