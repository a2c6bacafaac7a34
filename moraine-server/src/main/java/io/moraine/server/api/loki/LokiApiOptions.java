package io.moraine.server.api.loki;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and identity of the Loki API.
 *
 * @param maxEntriesLimit the largest {@code limit} a log query may ask for ({@code
 *     max_entries_limit_per_query}; Loki's default 5000)
 * @param timeout how long one request may take before it is answered 504 ({@code query.timeout});
 *     zero for none
 * @param version the version {@code status/buildinfo} reports
 * @param tailPollInterval how often a live tail asks the engine for new entries (Loki pushes them
 *     from its ingesters; Moraine polls: 1 s by default)
 */
public record LokiApiOptions(
    int maxEntriesLimit, Duration timeout, String version, Duration tailPollInterval) {
  /** Loki's defaults: 5000 entries, 1 minute; tail polled every second. */
  public static final LokiApiOptions DEFAULT =
      new LokiApiOptions(5000, Duration.ofMinutes(1), "dev", Duration.ofSeconds(1));

  public LokiApiOptions {
    if (maxEntriesLimit <= 0) {
      throw new IllegalArgumentException("maxEntriesLimit must be positive: " + maxEntriesLimit);
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(version, "version");
    if (tailPollInterval.isNegative() || tailPollInterval.isZero()) {
      throw new IllegalArgumentException("tailPollInterval must be positive: " + tailPollInterval);
    }
  }
}
