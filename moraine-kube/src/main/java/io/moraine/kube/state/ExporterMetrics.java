package io.moraine.kube.state;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.MetricRegistry;

/** The exporter's self-metrics; one set per registry. Thread-safe. */
final class ExporterMetrics {
  final Counter rounds;
  final Counter collectFailures;
  final Counter appendFailures;
  final Counter commitFailures;
  final Counter appended;
  final Counter staleMarkers;
  final Counter rejected;
  final Gauge series;

  ExporterMetrics(MetricRegistry registry) {
    rounds =
        registry
            .counter("moraine_kube_state_rounds_total", "Rounds of kube-state metrics appended.")
            .labels();
    Counter.Family failures =
        registry.counter(
            "moraine_kube_state_round_failures_total",
            "Rounds that stored nothing, by stage (collect: reading or computing the state;"
                + " append: the appender failed; commit: the store refused the batch).",
            "stage");
    collectFailures = failures.labels("collect");
    appendFailures = failures.labels("append");
    commitFailures = failures.labels("commit");
    appended =
        registry
            .counter(
                "moraine_kube_state_series_appended_total",
                "Samples of kube-state series appended (one per series and round).")
            .labels();
    staleMarkers =
        registry
            .counter(
                "moraine_kube_state_stale_markers_total",
                "Staleness markers appended for kube-state series that vanished.")
            .labels();
    rejected =
        registry
            .counter(
                "moraine_kube_state_samples_rejected_total",
                "Kube-state samples the store rejected (out of order, invalid...).")
            .labels();
    series =
        registry
            .gauge("moraine_kube_state_series", "Kube-state series in the last stored round.")
            .labels();
  }
}
