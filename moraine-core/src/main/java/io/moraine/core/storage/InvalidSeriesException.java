package io.moraine.core.storage;

/** A series whose labels break Prometheus' rules; the message names the label. */
public final class InvalidSeriesException extends SampleRejectedException {
  private static final long serialVersionUID = 1L;

  public InvalidSeriesException(String message) {
    super(message);
  }

  @Override
  public String reason() {
    return "invalid_labels";
  }
}
