package io.moraine.core.storage;

/** A series reference that names no series in the head (append by labels instead). */
public final class UnknownSeriesRefException extends SampleRejectedException {
  private static final long serialVersionUID = 1L;

  public UnknownSeriesRefException(String message) {
    super(message);
  }

  @Override
  public String reason() {
    return "unknown_ref";
  }
}
