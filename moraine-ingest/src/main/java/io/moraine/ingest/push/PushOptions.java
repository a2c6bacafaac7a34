package io.moraine.ingest.push;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a {@link PushRegistry}.
 *
 * @param refreshIntervalMillis how often every group's current samples are appended again, so that
 *     they stay visible to queries (must be well under the 5 m lookback; a scraped Pushgateway is
 *     typically scraped every 15 s)
 * @param persistenceFile where groups are kept across restarts ({@code
 *     docs/format/push-groups.md}); empty: in memory only
 */
public record PushOptions(long refreshIntervalMillis, Optional<Path> persistenceFile) {
  /** 15 s refresh, no persistence. */
  public static final PushOptions DEFAULT = new PushOptions(15_000, Optional.empty());

  public PushOptions {
    Objects.requireNonNull(persistenceFile, "persistenceFile");
    if (refreshIntervalMillis <= 0 || refreshIntervalMillis >= 300_000) {
      throw new IllegalArgumentException(
          "push refresh interval must be positive and under the 5m lookback, got "
              + refreshIntervalMillis
              + "ms");
    }
  }

  /** These options with groups kept in {@code file}. */
  public PushOptions withPersistenceFile(Path file) {
    return new PushOptions(refreshIntervalMillis, Optional.of(file));
  }
}
