package io.moraine.ingest.remotewrite;

import io.moraine.core.storage.SampleRejectedException;

/**
 * A remote-write request refused as a whole; nothing of it was stored. All are the client's fault
 * (Prometheus answers them 400, so that the sender does not retry). One subtype per reason, each
 * counted in {@code moraine_remote_write_rejected_samples_total{reason}}. Cheap: no stack trace.
 */
public abstract sealed class RemoteWriteException extends IllegalArgumentException
    permits RemoteWriteException.Malformed,
        RemoteWriteException.InvalidSeries,
        RemoteWriteException.Rejected {
  private static final long serialVersionUID = 1L;

  RemoteWriteException(String message) {
    super(message);
  }

  /** The reason label of the rejected-samples counter. */
  public abstract String reason();

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** The body is not a snappy block, or the block is not a valid {@code WriteRequest}. */
  public static final class Malformed extends RemoteWriteException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }

    @Override
    public String reason() {
      return "malformed";
    }
  }

  /** A series' labels break Prometheus' rules (names, UTF-8, duplicates, no metric name). */
  public static final class InvalidSeries extends RemoteWriteException {
    private static final long serialVersionUID = 1L;

    InvalidSeries(String message) {
      super(message);
    }

    @Override
    public String reason() {
      return "invalid_labels";
    }
  }

  /**
   * The store refused a sample: out of order, duplicate or too old compared with what it already
   * holds. The message is Prometheus' own for the case ({@code out of order sample}, {@code
   * duplicate sample for timestamp}, {@code out of bounds}).
   */
  public static final class Rejected extends RemoteWriteException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    Rejected(SampleRejectedException cause) {
      super(prometheusMessage(cause));
      this.reason = cause.reason();
      initCause(cause);
    }

    @Override
    public String reason() {
      return reason;
    }

    private static String prometheusMessage(SampleRejectedException e) {
      return switch (e) {
        case io.moraine.core.storage.OutOfOrderSampleException o -> "out of order sample";
        case io.moraine.core.storage.DuplicateSampleException d -> "duplicate sample for timestamp";
        case io.moraine.core.storage.OutOfBoundsSampleException b -> "out of bounds";
        default -> String.valueOf(e.getMessage());
      };
    }
  }
}
