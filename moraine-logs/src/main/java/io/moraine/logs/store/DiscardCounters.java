package io.moraine.logs.store;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * Loki's discard counters, {@code moraine_logs_discarded_samples_total{reason}} and {@code
 * moraine_logs_discarded_bytes_total{reason}}: the store counts its own rejections here and the
 * push layer counts its rejections (rate limits, label checks) into the same instance, obtained
 * from {@link LogStore#discards()}. Thread-safe.
 */
public final class DiscardCounters {
  private final Counter.Family samples;
  private final Counter.Family bytes;

  DiscardCounters(MetricRegistry registry) {
    samples =
        registry.counter(
            "moraine_logs_discarded_samples_total", "Log entries discarded, by reason.", "reason");
    bytes =
        registry.counter(
            "moraine_logs_discarded_bytes_total", "Line bytes discarded, by reason.", "reason");
  }

  /** Counts {@code entries} discarded entries of {@code lineBytes} bytes for {@code reason}. */
  public void discard(String reason, long entries, long lineBytes) {
    samples.labels(reason).add(entries);
    bytes.labels(reason).add(lineBytes);
  }

  /** Entries discarded so far for {@code reason}. */
  public long samples(String reason) {
    return samples.labels(reason).get();
  }

  /** Line bytes discarded so far for {@code reason}. */
  public long bytes(String reason) {
    return bytes.labels(reason).get();
  }
}
