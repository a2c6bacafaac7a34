package io.moraine.ingest.remotewrite;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * The families of {@code moraine_remote_storage_*}, Prometheus 2.42's {@code
 * prometheus_remote_storage_*} under Moraine's prefix, registered once per registry; each remote
 * takes its children by {@code remote_name} and {@code url}. Thread-safe.
 */
final class RemoteStorageMetrics {
  /** Prometheus's send-duration buckets: the client default ones plus 25s, 60s, 120s, 300s. */
  private static final double[] DURATION_BUCKETS = {
    .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 25, 60, 120, 300
  };

  final Counter.Family samples;
  final Counter.Family failed;
  final Counter.Family retried;
  final Counter.Family dropped;
  final Counter.Family bytes;
  final Gauge.Family shards;
  final Gauge.Family pending;
  final Gauge.Family highestSent;
  final Gauge.Family diskBytes;
  final Histogram.Family duration;

  RemoteStorageMetrics(MetricRegistry r) {
    String[] l = {"remote_name", "url"};
    String p = "moraine_remote_storage_";
    samples = r.counter(p + "samples_total", "Total number of samples sent to remote storage.", l);
    failed =
        r.counter(
            p + "samples_failed_total",
            "Total number of samples which failed on send to remote storage, non-recoverable"
                + " errors.",
            l);
    retried =
        r.counter(
            p + "samples_retried_total",
            "Total number of samples which failed on send to remote storage but were retried"
                + " because the send error was recoverable.",
            l);
    dropped =
        r.counter(
            p + "samples_dropped_total",
            "Total number of samples which were dropped before being sent via remote write, by"
                + " write relabelling or because the disk queue was full.",
            l);
    bytes =
        r.counter(
            p + "bytes_total",
            "The total number of bytes of data sent by the queue after compression.",
            l);
    shards =
        r.gauge(
            p + "shards",
            "The number of shards used for parallel sending to the remote storage.",
            l);
    pending =
        r.gauge(
            p + "samples_pending",
            "The number of samples pending in the queues shards to be sent to the remote storage.",
            l);
    highestSent =
        r.gauge(
            p + "queue_highest_sent_timestamp_seconds",
            "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in"
                + " seconds since epoch.",
            l);
    diskBytes =
        r.gauge(
            p + "queue_disk_bytes",
            "Bytes the durable queue of this remote takes on disk (Moraine).",
            l);
    duration =
        r.histogram(
            p + "sent_batch_duration_seconds",
            "Duration of send calls to the remote storage.",
            DURATION_BUCKETS,
            l);
  }

  /** One remote's children. */
  final class Children {
    final Counter samples;
    final Counter failed;
    final Counter retried;
    final Counter dropped;
    final Counter bytes;
    final Gauge shards;
    final Gauge pending;
    final Gauge highestSent;
    final Gauge diskBytes;
    final Histogram duration;

    Children(String name, String url) {
      samples = RemoteStorageMetrics.this.samples.labels(name, url);
      failed = RemoteStorageMetrics.this.failed.labels(name, url);
      retried = RemoteStorageMetrics.this.retried.labels(name, url);
      dropped = RemoteStorageMetrics.this.dropped.labels(name, url);
      bytes = RemoteStorageMetrics.this.bytes.labels(name, url);
      shards = RemoteStorageMetrics.this.shards.labels(name, url);
      pending = RemoteStorageMetrics.this.pending.labels(name, url);
      highestSent = RemoteStorageMetrics.this.highestSent.labels(name, url);
      diskBytes = RemoteStorageMetrics.this.diskBytes.labels(name, url);
      duration = RemoteStorageMetrics.this.duration.labels(name, url);
    }
  }
}
