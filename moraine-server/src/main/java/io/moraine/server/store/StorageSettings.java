package io.moraine.server.store;

import io.moraine.core.time.Clock;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the server tells the store when it opens it; resolved from flags, the config file and
 * defaults (flags win).
 *
 * @param dataDir the data directory ({@code wal/}, {@code chunks_head/}, blocks); created when
 *     absent
 * @param retentionTimeMillis blocks entirely older than this are deleted; 0 for no time limit
 * @param retentionSizeBytes oldest blocks are deleted while the blocks take more; 0 for no limit
 * @param clock the time source for retention and head compaction
 */
public record StorageSettings(
    Path dataDir, long retentionTimeMillis, long retentionSizeBytes, Clock clock) {
  public StorageSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    if (retentionTimeMillis < 0 || retentionSizeBytes < 0) {
      throw new IllegalArgumentException("BUG: negative retention");
    }
  }
}
