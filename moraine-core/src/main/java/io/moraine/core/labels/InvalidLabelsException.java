package io.moraine.core.labels;

/** A label set that breaks Prometheus' rules for names or values; the message names the label. */
public final class InvalidLabelsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidLabelsException(String message) {
    super(message);
  }
}
