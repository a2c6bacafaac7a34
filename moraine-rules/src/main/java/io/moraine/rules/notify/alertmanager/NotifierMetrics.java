package io.moraine.rules.notify.alertmanager;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.util.function.DoubleSupplier;

/**
 * Prometheus's {@code prometheus_notifications_*} under {@code moraine_}. The latency is a
 * histogram (Prometheus keeps a summary with quantiles 0.5, 0.9, 0.99). Thread-safe.
 */
final class NotifierMetrics {
  /** Seconds; Alertmanager answers in milliseconds, the default timeout is 10 s. */
  private static final double[] LATENCY_BOUNDS = {
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  final Counter.Family sent;
  final Counter.Family errors;
  final Counter dropped;
  final Histogram.Family latency;

  NotifierMetrics(
      MetricRegistry r, int capacity, DoubleSupplier queueLength, DoubleSupplier discovered) {
    latency =
        r.histogram(
            "moraine_notifications_latency_seconds",
            "Latency for sending alert notifications.",
            LATENCY_BOUNDS,
            "alertmanager");
    errors =
        r.counter(
            "moraine_notifications_errors_total",
            "Total number of errors sending alert notifications.",
            "alertmanager");
    sent =
        r.counter(
            "moraine_notifications_sent_total", "Total number of alerts sent.", "alertmanager");
    dropped =
        r.counter(
                "moraine_notifications_dropped_total",
                "Total number of alerts dropped due to errors when sending to Alertmanager.")
            .labels();
    r.gauge(
        "moraine_notifications_queue_length",
        "The number of alert notifications in the queue.",
        queueLength);
    r.gauge(
            "moraine_notifications_queue_capacity",
            "The capacity of the alert notifications queue.")
        .labels()
        .set(capacity);
    r.gauge(
        "moraine_notifications_alertmanagers_discovered",
        "The number of alertmanagers discovered and active.",
        discovered);
  }
}
