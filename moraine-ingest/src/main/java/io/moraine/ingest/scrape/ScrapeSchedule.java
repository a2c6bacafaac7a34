package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;

/**
 * When a target is scraped: every interval, at a fixed offset inside the interval that comes from a
 * hash of the target and of the server, as Prometheus does, so that targets spread over the
 * interval and each keeps its phase across restarts (scrapes stay evenly spaced in the store).
 * Stateless.
 */
public final class ScrapeSchedule {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ScrapeSchedule() {}

  /** A target's hash: FNV-1a over its label set's stable hash and its scrape URL. */
  public static long targetHash(Labels labels, String url) {
    long h = fnv(FNV_OFFSET, String.format("%016d", labels.stableHash() & Long.MAX_VALUE));
    return fnv(h, url);
  }

  /**
   * The server's seed: FNV-1a over its host name and external labels, so that two servers scraping
   * the same targets (an HA pair) do not scrape in lockstep.
   */
  public static long jitterSeed(String hostname, Labels externalLabels) {
    return fnv(fnv(FNV_OFFSET, hostname), externalLabels.toString());
  }

  /**
   * How long to wait from {@code nowNanos} (a wall-clock time in ns since the epoch) until the
   * target's first scrape: the next instant whose position in the interval is the target's offset,
   * within one interval.
   */
  public static long firstDelayNanos(
      long nowNanos, long intervalNanos, long targetHash, long seed) {
    long base = intervalNanos - Math.floorMod(nowNanos, intervalNanos);
    long offset = Long.remainderUnsigned(targetHash ^ seed, intervalNanos);
    long next = base + offset;
    return next > intervalNanos ? next - intervalNanos : next;
  }

  private static long fnv(long h, String s) {
    long x = h;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      x ^= b & 0xff;
      x *= FNV_PRIME;
    }
    return x;
  }
}
