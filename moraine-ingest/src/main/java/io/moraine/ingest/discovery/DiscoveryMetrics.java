package io.moraine.ingest.discovery;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * The self-metrics of file and HTTP discovery, Prometheus's {@code prometheus_sd_*} under {@code
 * moraine_}. One instance per registry, shared by every discoverer (registering twice fails).
 * Thread-safe.
 */
public final class DiscoveryMetrics {
  /** Upper bounds of the scan-duration histogram in seconds (Prometheus keeps a summary). */
  private static final double[] SCAN_BOUNDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};

  final Counter fileReadErrors;
  final Counter fileWatcherErrors;
  final Histogram fileScanDuration;
  final Counter httpFailures;

  /** Registers the metrics in {@code registry}. */
  public DiscoveryMetrics(MetricRegistry registry) {
    fileReadErrors =
        registry
            .counter("moraine_sd_file_read_errors_total", "The number of File-SD read errors.")
            .labels();
    fileWatcherErrors =
        registry
            .counter(
                "moraine_sd_file_watcher_errors_total",
                "The number of File-SD errors caused by filesystem watch failures.")
            .labels();
    fileScanDuration =
        registry
            .histogram(
                "moraine_sd_file_scan_duration_seconds",
                "The duration of the File-SD scan in seconds.",
                SCAN_BOUNDS)
            .labels();
    httpFailures =
        registry
            .counter(
                "moraine_sd_http_failures_total",
                "Number of HTTP service discovery refresh failures.")
            .labels();
  }
}
