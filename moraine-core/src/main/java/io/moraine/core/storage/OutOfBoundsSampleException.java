package io.moraine.core.storage;

/** A sample older than the head's lower bound: it would belong to a block already written. */
public final class OutOfBoundsSampleException extends SampleRejectedException {
  private static final long serialVersionUID = 1L;

  public OutOfBoundsSampleException(String message) {
    super(message);
  }

  @Override
  public String reason() {
    return "too_old";
  }
}
