package io.moraine.logs.store;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * Loki's discard counters, {@code moraine_logs_discarded_samples_total{reason}} and {@code
 * moraine_logs_discarded_bytes_total{reason}}: the store counts its own rejections here and the
 * push layer counts its rejections (rate limits, label checks) into the same instance: register it
 * once per registry with {@link #register} and hand it to both ({@code LogStore.open(dir, options,
 * clock, discards)} and the push layer's metrics). Thread-safe.
 */
public final class DiscardCounters {
  private final Counter.Family samples;
  private final Counter.Family bytes;

  /** Registers both families in {@code registry}; once per registry (it refuses a second). */
  public static DiscardCounters register(MetricRegistry registry) {
    return new DiscardCounters(registry);
  }

  private DiscardCounters(MetricRegistry registry) {
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

  /** The {@code moraine_logs_discarded_samples_total{reason}} family. */
  public Counter.Family samplesFamily() {
    return samples;
  }

  /** The {@code moraine_logs_discarded_bytes_total{reason}} family. */
  public Counter.Family bytesFamily() {
    return bytes;
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
