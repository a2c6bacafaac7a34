package io.moraine.agent.logtail;

/**
 * Self-metrics events of a {@link LogShipper}. Implementations must be thread-safe: the tailer and
 * the sender threads call them concurrently. {@link LogCounters} is the standard implementation.
 */
public interface LogMetrics {
  /** A batch was acknowledged by the server. */
  void sent(long entries, long lineBytes);

  /**
   * One push attempt failed and will be retried ({@code connection}, {@code rate_limited}, {@code
   * server_error}) or the batch was rejected ({@code rejected}).
   */
  void batchFailed(String reason);

  /**
   * Entries that will never be delivered: {@code rejected} (a 4xx other than 429), {@code
   * line_too_long}, {@code spool_corrupt}.
   */
  void dropped(String reason, long entries);

  /** The number of files being tailed now. */
  void filesTailed(int files);

  /** The bytes held in the spool now. */
  void spoolBytes(long bytes);
}
