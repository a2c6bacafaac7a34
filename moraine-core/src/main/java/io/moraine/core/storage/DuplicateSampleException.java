package io.moraine.core.storage;

/**
 * A sample at the time of the series' newest one with a different value (an equal value is accepted
 * silently, as in Prometheus).
 */
public final class DuplicateSampleException extends SampleRejectedException {
  private static final long serialVersionUID = 1L;

  public DuplicateSampleException(String message) {
    super(message);
  }

  @Override
  public String reason() {
    return "duplicate";
  }
}
