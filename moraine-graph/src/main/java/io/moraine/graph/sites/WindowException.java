package io.moraine.graph.sites;

/** A request's time window is impossible (end not after start) or longer than allowed. */
public final class WindowException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public WindowException(String message) {
    super(message);
  }
}
