package io.moraine.graph.sync;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.util.function.DoubleSupplier;

/** {@link GraphSync}'s self-metrics ({@code moraine_graph_sync_*}). Thread-safe. */
final class SyncMetrics {
  /** Seconds; from a millisecond commit to a burst that waits on a slow disk. */
  private static final double[] SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  private final Counter.Family changes;
  final Counter batches;
  final Counter failures;
  final Counter dropped;
  final Counter overflows;
  final Counter triplesAdded;
  final Counter triplesDeleted;
  final Histogram applySeconds;
  final Histogram lagSeconds;

  SyncMetrics(MetricRegistry r, DoubleSupplier pending) {
    changes =
        r.counter(
            "moraine_graph_sync_changes_total",
            "Kubernetes model changes received, by type.",
            "type");
    batches =
        r.counter("moraine_graph_sync_batches_total", "Batches committed to the graph store.")
            .labels();
    failures =
        r.counter(
                "moraine_graph_sync_batch_failures_total",
                "Batch attempts that failed (rendering or the store); retried.")
            .labels();
    dropped =
        r.counter(
                "moraine_graph_sync_batches_dropped_total",
                "Batches given up after repeated failures; their objects converge at the next"
                    + " change or re-sync.")
            .labels();
    overflows =
        r.counter(
                "moraine_graph_sync_overflows_total",
                "Changes not queued because the queue was full; a full re-sync replaced them.")
            .labels();
    triplesAdded =
        r.counter("moraine_graph_sync_triples_added_total", "Triples added by deltas.").labels();
    triplesDeleted =
        r.counter("moraine_graph_sync_triples_deleted_total", "Triples deleted by deltas.")
            .labels();
    applySeconds =
        r.histogram(
                "moraine_graph_sync_apply_seconds",
                "Time of one delta transaction in the graph store.",
                SECONDS)
            .labels();
    lagSeconds =
        r.histogram(
                "moraine_graph_sync_lag_seconds",
                "Time from a Kubernetes change's observation to its commit in the graph store.",
                SECONDS)
            .labels();
    r.gauge("moraine_graph_sync_pending", "Changes queued for the graph writer.", pending);
  }

  void change(String type) {
    changes.labels(type).inc();
  }
}
