package io.moraine.logs.store;

import io.moraine.core.selfmetrics.MetricRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of a {@link LogStore}; defaults in {@link #DEFAULT}.
 *
 * @param blockSizeBytes an open block is cut (sorted, compressed) when its line bytes reach this
 * @param maxHeadBytes when the head holds more than this, the next flush writes every block
 * @param flushInterval how often the background loop flushes cut and aged blocks, enforces
 *     retention and fsyncs the WAL; {@link Duration#ZERO}: no background loop (tests call {@link
 *     LogStore#flush()} and {@link LogStore#enforceRetention()})
 * @param maxBlockAge an open block older than this is cut and flushed (Loki's max_chunk_age)
 * @param idlePeriod a stream with no entry for this long is flushed and leaves the head (Loki's
 *     chunk_idle_period); it no longer counts against the stream limit
 * @param outOfOrderWindow an entry older than its stream's newest minus this is rejected as {@code
 *     too_far_behind} (Loki 2.9: max_chunk_age / 2)
 * @param maxStreamsPerTenant active (in-head) streams per tenant; more: {@code stream_limit}
 * @param walSegmentBytes size of a WAL segment file
 * @param walFsyncInterval fsync period of the WAL; zero: fsync on every commit. A commit is always
 *     written to the OS before it returns, which survives kill -9; fsync only matters on power loss
 * @param retention entries older than this are deleted; zero keeps them forever
 * @param retentionBytes oldest segments are deleted while the store's segments pass this; 0: none
 * @param retentionRules per-stream periods (Loki's retention_stream)
 * @param filterBudget the token filter's largest size as a fraction of the block's compressed size
 * @param registry where the store registers its self-metrics; null: a private registry
 */
public record LogStoreOptions(
    int blockSizeBytes,
    long maxHeadBytes,
    Duration flushInterval,
    Duration maxBlockAge,
    Duration idlePeriod,
    Duration outOfOrderWindow,
    int maxStreamsPerTenant,
    long walSegmentBytes,
    Duration walFsyncInterval,
    Duration retention,
    long retentionBytes,
    List<RetentionRule> retentionRules,
    double filterBudget,
    @Nullable MetricRegistry registry) {
  /**
   * 1 MiB blocks: LogStoreFigures (64 MiB of JSON/logfmt/nginx/stack-trace lines, 40 streams) gave
   * bytes on disk / {@code zstd -3} of 1.033 / 1.002 / 0.995 for 64K / 256K / 1M blocks, and the
   * 2.2 GB corpus of {@code bench/logs_bench.py} (207 streams, random ids in most lines) 1.135 with
   * 256K blocks and 1.099 with 1M (a token filter budget of 2% instead of 3% gave 1.088 but left
   * the needle search at 1.9 s instead of 0.75 s: the filter saturates). 64 MiB head, 1 min flush,
   * Loki's 2h max chunk age and 30m idle period, 1h out-of-order window (Loki 2.9: half the max
   * chunk age), 10 000 streams per tenant, 32 MiB WAL segments, 1 s fsync as the tsdb's WAL, 744h
   * retention (31 days, Loki's usual choice), token filter at most 3% of a block's compressed size
   * (measured 2.9%; an absent 12-byte needle skipped 255 of 280 blocks, the common "deadlock" 72 of
   * about 210 blocks without it: with 3% the filter is saturated on high-cardinality blocks, so
   * short needles skip little and long needles most).
   */
  public static final LogStoreOptions DEFAULT =
      new LogStoreOptions(
          1024 * 1024,
          64L << 20,
          Duration.ofMinutes(1),
          Duration.ofHours(2),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          10_000,
          32L << 20,
          Duration.ofSeconds(1),
          Duration.ofHours(744),
          0,
          List.of(),
          0.03,
          null);

  public LogStoreOptions {
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(maxBlockAge, "maxBlockAge");
    Objects.requireNonNull(idlePeriod, "idlePeriod");
    Objects.requireNonNull(outOfOrderWindow, "outOfOrderWindow");
    Objects.requireNonNull(walFsyncInterval, "walFsyncInterval");
    Objects.requireNonNull(retention, "retention");
    retentionRules = List.copyOf(retentionRules);
    if (blockSizeBytes < 1024) {
      throw new IllegalArgumentException("blockSizeBytes must be at least 1024: " + blockSizeBytes);
    }
    if (maxStreamsPerTenant < 1) {
      throw new IllegalArgumentException("maxStreamsPerTenant must be at least 1");
    }
    if (walSegmentBytes < 64 * 1024) {
      throw new IllegalArgumentException("walSegmentBytes must be at least 64 KiB");
    }
    if (retentionBytes < 0 || maxHeadBytes < 0) {
      throw new IllegalArgumentException("retentionBytes and maxHeadBytes must be >= 0");
    }
    if (!(filterBudget >= 0 && filterBudget <= 1)) {
      throw new IllegalArgumentException("filterBudget must be in [0, 1]: " + filterBudget);
    }
  }

  /** These options with another metric registry. */
  public LogStoreOptions withRegistry(MetricRegistry r) {
    return new LogStoreOptions(
        blockSizeBytes,
        maxHeadBytes,
        flushInterval,
        maxBlockAge,
        idlePeriod,
        outOfOrderWindow,
        maxStreamsPerTenant,
        walSegmentBytes,
        walFsyncInterval,
        retention,
        retentionBytes,
        retentionRules,
        filterBudget,
        r);
  }

  /** These options with another block size. */
  public LogStoreOptions withBlockSizeBytes(int bytes) {
    return new LogStoreOptions(
        bytes,
        maxHeadBytes,
        flushInterval,
        maxBlockAge,
        idlePeriod,
        outOfOrderWindow,
        maxStreamsPerTenant,
        walSegmentBytes,
        walFsyncInterval,
        retention,
        retentionBytes,
        retentionRules,
        filterBudget,
        registry);
  }

  /** These options without the background loop (for tests and tools). */
  public LogStoreOptions withoutBackground() {
    return new LogStoreOptions(
        blockSizeBytes,
        maxHeadBytes,
        Duration.ZERO,
        maxBlockAge,
        idlePeriod,
        outOfOrderWindow,
        maxStreamsPerTenant,
        walSegmentBytes,
        walFsyncInterval,
        retention,
        retentionBytes,
        retentionRules,
        filterBudget,
        registry);
  }

  /** These options with other retention settings. */
  public LogStoreOptions withRetention(Duration r, long bytes, List<RetentionRule> rules) {
    return new LogStoreOptions(
        blockSizeBytes,
        maxHeadBytes,
        flushInterval,
        maxBlockAge,
        idlePeriod,
        outOfOrderWindow,
        maxStreamsPerTenant,
        walSegmentBytes,
        walFsyncInterval,
        r,
        bytes,
        rules,
        filterBudget,
        registry);
  }

  /** These options with another stream limit. */
  public LogStoreOptions withMaxStreamsPerTenant(int n) {
    return new LogStoreOptions(
        blockSizeBytes,
        maxHeadBytes,
        flushInterval,
        maxBlockAge,
        idlePeriod,
        outOfOrderWindow,
        n,
        walSegmentBytes,
        walFsyncInterval,
        retention,
        retentionBytes,
        retentionRules,
        filterBudget,
        registry);
  }
}
