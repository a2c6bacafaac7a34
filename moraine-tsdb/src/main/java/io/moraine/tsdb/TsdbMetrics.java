package io.moraine.tsdb;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.tsdb.head.HeadStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** The store's self-metrics, {@code moraine_tsdb_*}. WAL metrics are registered by the WAL. */
final class TsdbMetrics {
  private final MetricRegistry registry;
  private final Counter compactions;
  private final Counter compactionsFailed;
  private final Counter retentionDeleted;

  TsdbMetrics(MetricRegistry registry) {
    this.registry = registry;
    this.compactions =
        registry
            .counter("moraine_tsdb_compactions_total", "Blocks written by compaction.")
            .labels();
    this.compactionsFailed =
        registry
            .counter("moraine_tsdb_compactions_failed_total", "Compaction runs that failed.")
            .labels();
    this.retentionDeleted =
        registry
            .counter("moraine_tsdb_retention_blocks_deleted_total", "Blocks deleted by retention.")
            .labels();
  }

  /** Registers the gauges and counters read from the store at scrape time. */
  void bind(Tsdb db) {
    HeadStats stats = db.head().stats();
    registry.gauge("moraine_tsdb_head_series", "Series in the head.", db.head()::numSeries);
    registry.gauge(
        "moraine_tsdb_head_chunks", "Chunks in the head (open and mmapped).", db.head()::numChunks);
    registry.counter(
        "moraine_tsdb_head_samples_appended_total",
        "Samples appended to the head.",
        stats::samplesAppended);
    registry.counter(
        "moraine_tsdb_head_series_created_total",
        "Series created in the head.",
        stats::seriesCreated);
    registry.counter(
        "moraine_tsdb_head_series_removed_total",
        "Series removed from the head by truncation.",
        stats::seriesRemoved);
    Map<String, DoubleSupplier> rejected = new LinkedHashMap<>();
    for (String reason : HeadStats.REASONS) {
      rejected.put(reason, () -> stats.rejected(reason));
    }
    registry.counter(
        "moraine_tsdb_samples_rejected_total",
        "Samples rejected on append, by reason.",
        "reason",
        rejected);
    registry.gauge(
        "moraine_tsdb_blocks_loaded", "Persistent blocks open.", () -> db.blocks().size());
    registry.gauge(
        "moraine_tsdb_storage_bytes",
        "Bytes on disk: blocks, WAL and head chunks.",
        () -> db.sizeBytes());
    registry.gauge(
        "moraine_tsdb_head_min_time_seconds",
        "Oldest sample time in the head.",
        () -> db.head().minTime() == Long.MAX_VALUE ? Double.NaN : db.head().minTime() / 1000.0);
    registry.gauge(
        "moraine_tsdb_head_max_time_seconds",
        "Newest sample time in the head.",
        () -> db.head().maxTime() == Long.MIN_VALUE ? Double.NaN : db.head().maxTime() / 1000.0);
  }

  void compacted() {
    compactions.inc();
  }

  void compactionFailed() {
    compactionsFailed.inc();
  }

  void retentionDeleted(int n) {
    retentionDeleted.add(n);
  }
}
