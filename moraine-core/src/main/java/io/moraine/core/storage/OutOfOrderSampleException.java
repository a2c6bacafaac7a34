package io.moraine.core.storage;

/** A sample older than the newest one of its series (Prometheus' out-of-order rule). */
public final class OutOfOrderSampleException extends SampleRejectedException {
  private static final long serialVersionUID = 1L;

  public OutOfOrderSampleException(String message) {
    super(message);
  }

  @Override
  public String reason() {
    return "out_of_order";
  }
}
