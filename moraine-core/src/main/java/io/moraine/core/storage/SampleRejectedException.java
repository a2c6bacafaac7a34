package io.moraine.core.storage;

/**
 * A sample the store would not take. One subtype per reason, so that each is counted. Thrown per
 * sample and cheap: no stack trace is filled in.
 */
public abstract sealed class SampleRejectedException extends RuntimeException
    permits OutOfOrderSampleException,
        DuplicateSampleException,
        OutOfBoundsSampleException,
        InvalidSeriesException,
        UnknownSeriesRefException {
  private static final long serialVersionUID = 1L;

  protected SampleRejectedException(String message) {
    super(message, null, false, false);
  }

  /** The reason as counted in {@code moraine_tsdb_samples_rejected_total{reason}}. */
  public abstract String reason();
}
