package io.moraine.core.logs;

/**
 * A log entry the store or an ingest limit would not take. Cheap: no stack trace is filled in. The
 * reason is Loki's discard reason ({@code too_far_behind}, {@code stream_limit}, {@code
 * rate_limited}, {@code line_too_long}, {@code invalid_labels}, {@code max_label_names_per_series},
 * {@code label_name_too_long}, {@code label_value_too_long}, {@code duplicate_label_names}, {@code
 * greater_than_max_sample_age}, {@code too_far_in_future}, {@code missing_labels}), counted as
 * {@code moraine_logs_discarded_samples_total{reason}}.
 */
public final class LogEntryRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param reason the discard reason (one of the class doc's names)
   * @param message the message as Loki words it, naming the stream and the entry
   */
  public LogEntryRejectedException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The discard reason, a label value of {@code moraine_logs_discarded_samples_total}. */
  public String reason() {
    return reason;
  }
}
