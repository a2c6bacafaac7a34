package io.moraine.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code storage.tsdb}: where the embedded store lives and how long it keeps data.
 *
 * @param path the data directory
 * @param retentionTimeMillis how long samples are kept; 0 when not set (see {@link
 *     #effectiveRetentionTimeMillis})
 * @param retentionSizeBytes the most bytes the blocks may take; 0 for no limit
 * @param outOfOrderTimeWindowMillis how far behind the newest sample an older one is still taken
 *     (parsed for prometheus.yml compatibility; the store does not use it yet)
 */
public record TsdbConfig(
    Path path, long retentionTimeMillis, long retentionSizeBytes, long outOfOrderTimeWindowMillis) {
  /** The retention time that applies when neither retention time nor size is set: 15d. */
  public static final long DEFAULT_RETENTION_TIME_MILLIS = 15L * 86_400_000;

  /** {@code ./data}, retention 15d (by default), no size limit. */
  public static final TsdbConfig DEFAULT = new TsdbConfig(Path.of("data"), 0, 0, 0);

  public TsdbConfig {
    Objects.requireNonNull(path, "path");
    if (retentionTimeMillis < 0 || retentionSizeBytes < 0 || outOfOrderTimeWindowMillis < 0) {
      throw new IllegalArgumentException("BUG: negative retention or window");
    }
  }

  /**
   * The retention time in force, as in Prometheus: the configured time when set; 15d when neither
   * time nor size is set; 0 (no time limit) when only a size is set.
   */
  public long effectiveRetentionTimeMillis() {
    if (retentionTimeMillis == 0 && retentionSizeBytes == 0) {
      return DEFAULT_RETENTION_TIME_MILLIS;
    }
    return retentionTimeMillis;
  }

  public TsdbConfig withPath(Path p) {
    return new TsdbConfig(p, retentionTimeMillis, retentionSizeBytes, outOfOrderTimeWindowMillis);
  }

  public TsdbConfig withRetentionTimeMillis(long millis) {
    return new TsdbConfig(path, millis, retentionSizeBytes, outOfOrderTimeWindowMillis);
  }

  public TsdbConfig withRetentionSizeBytes(long bytes) {
    return new TsdbConfig(path, retentionTimeMillis, bytes, outOfOrderTimeWindowMillis);
  }
}
