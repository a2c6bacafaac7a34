package io.moraine.ingest.remotewrite;

import java.time.Duration;
import java.util.Objects;

/**
 * A remote's {@code queue_config}, as in prometheus.yml, plus Moraine's bound on the disk queue.
 *
 * @param capacity samples buffered per shard before reading the disk queue blocks
 * @param minShards shards the sender starts with and never goes below
 * @param maxShards the most shards resharding may start
 * @param maxSamplesPerSend the most samples in one request
 * @param batchSendDeadline the longest a sample waits in a partial batch
 * @param minBackoff the first wait before a retry
 * @param maxBackoff the longest wait between retries (the wait doubles up to it)
 * @param retryOnHttp429 whether 429 Too Many Requests is retried (honouring {@code Retry-After})
 *     rather than dropped
 * @param maxDiskBytes the most bytes the on-disk queue may take
 */
public record QueueConfig(
    int capacity,
    int minShards,
    int maxShards,
    int maxSamplesPerSend,
    Duration batchSendDeadline,
    Duration minBackoff,
    Duration maxBackoff,
    boolean retryOnHttp429,
    long maxDiskBytes) {
  /**
   * Prometheus 2.42's defaults ({@code config.DefaultQueueConfig}): capacity 2500, 1 to 200 shards,
   * 500 samples a send, 5s deadline, backoff 30ms to 5s, 429 not retried; 512 MiB on disk.
   */
  public static final QueueConfig DEFAULT =
      new QueueConfig(
          2500,
          1,
          200,
          500,
          Duration.ofSeconds(5),
          Duration.ofMillis(30),
          Duration.ofSeconds(5),
          false,
          512L << 20);

  public QueueConfig {
    Objects.requireNonNull(batchSendDeadline, "batchSendDeadline");
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minShards < 1 || maxShards < minShards) {
      throw new IllegalArgumentException(
          "shards must satisfy 1 <= min_shards <= max_shards: " + minShards + ", " + maxShards);
    }
    if (capacity < 1 || maxSamplesPerSend < 1) {
      throw new IllegalArgumentException("capacity and max_samples_per_send must be positive");
    }
  }
}
