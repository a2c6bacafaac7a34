package io.moraine.rules.notify.receiver;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * The receivers' self metrics, registered once per registry and shared by every {@link
 * DefaultReceivers} built on it (a configuration reload builds a new one). Thread-safe.
 *
 * <ul>
 *   <li>{@code moraine_notifications_total{integration}}: notifications handed to an integration
 *       (one per {@code deliver}, however many attempts it takes)
 *   <li>{@code moraine_notifications_failed_total{integration,reason}}: those that finally failed;
 *       reason {@code clientError} (a 4xx other than 429, a refused e-mail), {@code serverError}
 *       (5xx or 429 until the deadline), {@code template} (a configured template failed to expand)
 *       or {@code other} (network, timeout, bad answer)
 *   <li>{@code moraine_notification_latency_seconds{integration}}: each attempt's duration
 * </ul>
 */
public final class NotificationMetrics {
  /** Integration names, as in the {@code integration} label. */
  static final String[] INTEGRATIONS = {"betterstack", "email", "pagerduty", "slack", "webhook"};

  /** Latency buckets: Alertmanager's (1, 5, 10, 15, 20 s) below a fast local 0.1 s. */
  private static final double[] BUCKETS = {0.1, 1, 5, 10, 15, 20};

  private final Counter.Family total;
  private final Counter.Family failed;
  private final Histogram.Family latency;

  private NotificationMetrics(MetricRegistry registry) {
    total =
        registry.counter(
            "moraine_notifications_total",
            "Notifications handed to an integration.",
            "integration");
    failed =
        registry.counter(
            "moraine_notifications_failed_total",
            "Notifications that failed after their retries.",
            "integration",
            "reason");
    latency =
        registry.histogram(
            "moraine_notification_latency_seconds",
            "Duration of each attempt to deliver a notification.",
            BUCKETS,
            "integration");
    for (String i : INTEGRATIONS) {
      total.labels(i);
      latency.labels(i);
    }
  }

  /** Registers the metrics in {@code registry}; call once per registry. */
  public static NotificationMetrics register(MetricRegistry registry) {
    return new NotificationMetrics(registry);
  }

  Counter total(String integration) {
    return total.labels(integration);
  }

  Counter failed(String integration, String reason) {
    return failed.labels(integration, reason);
  }

  Histogram latency(String integration) {
    return latency.labels(integration);
  }
}
