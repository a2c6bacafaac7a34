package io.moraine.tsdb;

/**
 * Options of a store.
 *
 * @param blockRangeMillis range of blocks cut from the head (2 h, as Prometheus)
 * @param retentionMillis blocks wholly older than this, counted back from the newest sample, are
 *     deleted; 0 keeps everything
 * @param retentionBytes the oldest blocks are deleted while blocks, WAL and head chunks take more;
 *     0 means no limit
 * @param walSegmentBytes size at which a WAL segment is cut
 * @param walFsyncIntervalMillis how often the WAL is fsynced (commits are written at once, which
 *     survives a process crash; fsync guards against power loss); 0 = on every commit
 * @param compactionIntervalMillis how often the background loop looks for work
 */
public record TsdbOptions(
    long blockRangeMillis,
    long retentionMillis,
    long retentionBytes,
    long walSegmentBytes,
    long walFsyncIntervalMillis,
    long compactionIntervalMillis) {
  /** 15 days of retention, as Prometheus' default; 128 MiB WAL segments; 1 s fsync. */
  public static final TsdbOptions DEFAULT =
      new TsdbOptions(7_200_000, 15L * 86_400_000, 0, 128L << 20, 1_000, 60_000);

  public TsdbOptions {
    if (blockRangeMillis <= 0 || retentionMillis < 0 || retentionBytes < 0) {
      throw new IllegalArgumentException("block range must be > 0 and retention >= 0");
    }
  }

  public TsdbOptions withRetention(long millis, long bytes) {
    return new TsdbOptions(
        blockRangeMillis,
        millis,
        bytes,
        walSegmentBytes,
        walFsyncIntervalMillis,
        compactionIntervalMillis);
  }

  /** The largest compacted block: 10 % of retention, at most 31 days (Prometheus' rule). */
  public long maxBlockMillis() {
    long max = 31L * 86_400_000;
    if (retentionMillis > 0) {
      max = Math.min(max, retentionMillis / 10);
    }
    return Math.max(max, blockRangeMillis);
  }
}
