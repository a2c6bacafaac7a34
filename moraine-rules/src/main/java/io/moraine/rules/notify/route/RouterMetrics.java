package io.moraine.rules.notify.route;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The router's self metrics. Thread-safe. */
final class RouterMetrics {
  final Gauge activeAlerts;
  final Gauge suppressedAlerts;
  final AtomicInteger groups = new AtomicInteger();
  final Counter silenced;
  final Counter inhibited;
  final Counter dedup;
  final Counter muted;
  final Counter failed;
  private final Gauge.Family silences;

  RouterMetrics(MetricRegistry r) {
    Gauge.Family alerts =
        r.gauge(
            "moraine_notify_alerts",
            "Alerts held by the built-in router: active (notified) or suppressed (silenced or"
                + " inhibited).",
            "state");
    activeAlerts = alerts.labels("active");
    suppressedAlerts = alerts.labels("suppressed");
    r.gauge(
        "moraine_notify_aggregation_groups",
        "Aggregation groups held by the built-in router.",
        groups::get);
    silences = r.gauge("moraine_silences", "Silences by state.", "state");
    Counter.Family suppressed =
        r.counter(
            "moraine_notifications_suppressed_total",
            "Alerts left out of notifications because silenced, inhibited or muted by a time"
                + " interval, and notifications not sent because nothing changed (dedup).",
            "reason");
    silenced = suppressed.labels("silenced");
    inhibited = suppressed.labels("inhibited");
    dedup = suppressed.labels("dedup");
    muted = suppressed.labels("muted");
    failed =
        r.counter(
                "moraine_notify_flush_failures_total",
                "Aggregation group flushes whose delivery or notification-log write failed.")
            .labels();
  }

  void silences(Map<SilenceState, Integer> counts) {
    counts.forEach((state, n) -> silences.labels(state.apiName()).set(n));
  }
}
