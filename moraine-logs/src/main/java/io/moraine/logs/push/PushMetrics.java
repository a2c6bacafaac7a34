package io.moraine.logs.push;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.logs.store.DiscardCounters;
import java.util.Objects;

/**
 * The push path's counters: {@code moraine_logs_discarded_samples_total{reason}}, {@code
 * moraine_logs_discarded_bytes_total{reason}} (Loki's {@code discarded_samples_total} and {@code
 * discarded_bytes_total}), {@code moraine_logs_received_entries_total} and {@code
 * moraine_logs_received_bytes_total} (lines and structured metadata, before validation).
 *
 * <p>The registry refuses a name registered twice, so the discard families are registered once
 * (here) and {@link #discardedSamples()}/{@link #discardedBytes()} are handed to the store, which
 * counts its own reasons ({@code too_far_behind}, {@code stream_limit}) into them. Thread-safe.
 */
public final class PushMetrics {
  private final Counter.Family discardedSamples;
  private final Counter.Family discardedBytes;
  private final Counter receivedEntries;
  private final Counter receivedBytes;

  public PushMetrics(
      Counter.Family discardedSamples,
      Counter.Family discardedBytes,
      Counter receivedEntries,
      Counter receivedBytes) {
    this.discardedSamples = Objects.requireNonNull(discardedSamples, "discardedSamples");
    this.discardedBytes = Objects.requireNonNull(discardedBytes, "discardedBytes");
    this.receivedEntries = Objects.requireNonNull(receivedEntries, "receivedEntries");
    this.receivedBytes = Objects.requireNonNull(receivedBytes, "receivedBytes");
  }

  /** Registers the four families in {@code registry}; call once per registry. */
  public static PushMetrics register(MetricRegistry registry) {
    return register(registry, DiscardCounters.register(registry));
  }

  /**
   * Registers the received counters in {@code registry} and counts discards into {@code discards},
   * the families the log store counts its own rejections into.
   */
  public static PushMetrics register(MetricRegistry registry, DiscardCounters discards) {
    return new PushMetrics(
        discards.samplesFamily(),
        discards.bytesFamily(),
        registry
            .counter("moraine_logs_received_entries_total", "Log entries received by push.")
            .labels(),
        registry
            .counter(
                "moraine_logs_received_bytes_total",
                "Bytes of lines and structured metadata received by push.")
            .labels());
  }

  /** {@code moraine_logs_discarded_samples_total{reason}}, shared with the store. */
  public Counter.Family discardedSamples() {
    return discardedSamples;
  }

  /** {@code moraine_logs_discarded_bytes_total{reason}}, shared with the store. */
  public Counter.Family discardedBytes() {
    return discardedBytes;
  }

  void discarded(String reason, long entries, long bytes) {
    if (entries > 0) {
      discardedSamples.labels(reason).add(entries);
      discardedBytes.labels(reason).add(bytes);
    }
  }

  void received(long entries, long bytes) {
    receivedEntries.add(entries);
    receivedBytes.add(bytes);
  }
}
