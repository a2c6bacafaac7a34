package io.moraine.tsdb.wal;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * The WAL's self-metrics, registered once per registry: create one per WAL and pass it to {@link
 * Wal#open}. Thread-safe.
 */
public final class WalMetrics {
  /** fsync is ~50 µs on NVMe with a write cache, tens of ms on a busy disk, seconds when stuck. */
  private static final double[] FSYNC_BUCKETS = {
    0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10
  };

  final Histogram fsyncDuration;
  final Gauge sizeBytes;
  final Gauge currentSegment;
  final Counter corruptions;
  final Counter truncations;
  final Counter truncationsFailed;
  final Counter logCalls;
  final Counter writes;
  final Counter bytesWritten;
  final Counter writeFailures;

  public WalMetrics(MetricRegistry registry) {
    fsyncDuration =
        registry
            .histogram(
                "moraine_tsdb_wal_fsync_duration_seconds",
                "Duration of WAL fsync calls.",
                FSYNC_BUCKETS)
            .labels();
    sizeBytes =
        registry.gauge("moraine_tsdb_wal_size_bytes", "Size of the WAL segments on disk.").labels();
    currentSegment =
        registry
            .gauge("moraine_tsdb_wal_segment_current", "Number of the WAL segment being written.")
            .labels();
    corruptions =
        registry
            .counter(
                "moraine_tsdb_wal_corruptions_total",
                "Corrupt or torn WAL records found and cut off on open or repair.")
            .labels();
    truncations =
        registry
            .counter(
                "moraine_tsdb_wal_truncations_total", "WAL truncations (old segments deleted).")
            .labels();
    truncationsFailed =
        registry
            .counter("moraine_tsdb_wal_truncations_failed_total", "WAL truncations that failed.")
            .labels();
    logCalls =
        registry.counter("moraine_tsdb_wal_log_calls_total", "Batches logged to the WAL.").labels();
    writes =
        registry
            .counter(
                "moraine_tsdb_wal_group_writes_total",
                "Group commits: writes of the batches of all waiting callers at once.")
            .labels();
    bytesWritten =
        registry
            .counter("moraine_tsdb_wal_written_bytes_total", "Bytes written to the WAL.")
            .labels();
    writeFailures =
        registry
            .counter("moraine_tsdb_wal_write_failures_total", "WAL writes or fsyncs that failed.")
            .labels();
  }
}
