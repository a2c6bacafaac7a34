package io.moraine.logs.forward;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * The forwarders' self-metrics, registered once per registry and shared by every {@link
 * LokiForwarder} on it (each forwarder has its own {@code url} children). Thread-safe.
 */
public final class ForwardMetrics {
  /** Dropped because the queue was full: the oldest entries go first. */
  static final String QUEUE_FULL = "queue_full";

  /** Dropped because the remote Loki answered 4xx other than 429 (Promtail drops these too). */
  static final String REJECTED = "rejected";

  /** Dropped after {@link ForwardOptions#maxRetries()} failed attempts. */
  static final String RETRIES_EXHAUSTED = "retries_exhausted";

  /** Dropped because the forwarder was closed before it could send them. */
  static final String SHUTDOWN = "shutdown";

  private final Counter.Family sentEntries;
  private final Counter.Family sentBytes;
  private final Counter.Family dropped;
  private final Counter.Family failedRequests;
  private final Gauge.Family queueBytes;

  /**
   * Registers the {@code moraine_logs_forward_*} families.
   *
   * @throws IllegalStateException when they are already registered on {@code registry}
   */
  public ForwardMetrics(MetricRegistry registry) {
    sentEntries =
        registry.counter(
            "moraine_logs_forward_sent_entries_total",
            "Log entries the remote Loki acknowledged.",
            "url");
    sentBytes =
        registry.counter(
            "moraine_logs_forward_sent_bytes_total",
            "Bytes of compressed push bodies the remote Loki acknowledged.",
            "url");
    dropped =
        registry.counter(
            "moraine_logs_forward_dropped_entries_total",
            "Log entries given up on, by reason (queue_full, rejected, retries_exhausted,"
                + " shutdown).",
            "url",
            "reason");
    failedRequests =
        registry.counter(
            "moraine_logs_forward_failed_requests_total",
            "Push requests that failed with a connection error, 429 or 5xx and were retried or"
                + " given up on.",
            "url");
    queueBytes =
        registry.gauge(
            "moraine_logs_forward_queue_bytes",
            "Bytes of log entries queued in memory, waiting for the sender.",
            "url");
  }

  /** The children of one forwarder. */
  Url forUrl(String url) {
    return new Url(
        sentEntries.labels(url),
        sentBytes.labels(url),
        dropped.labels(url, QUEUE_FULL),
        dropped.labels(url, REJECTED),
        dropped.labels(url, RETRIES_EXHAUSTED),
        dropped.labels(url, SHUTDOWN),
        failedRequests.labels(url),
        queueBytes.labels(url));
  }

  /** One forwarder's children, resolved once so the hot path does no lookups. */
  record Url(
      Counter sentEntries,
      Counter sentBytes,
      Counter droppedQueueFull,
      Counter droppedRejected,
      Counter droppedRetriesExhausted,
      Counter droppedShutdown,
      Counter failedRequests,
      Gauge queueBytes) {}
}
