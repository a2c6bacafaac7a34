package io.moraine.logs.push;

import io.moraine.core.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per tenant over line bytes, as Loki's local ingestion rate limiter: tokens refill
 * at the tenant's rate up to its burst, a request takes all its bytes at once or nothing, and a
 * request larger than the burst never passes. Thread-safe.
 */
final class IngestionRateLimiter {
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  IngestionRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Takes {@code bytes} tokens from the tenant's bucket if it holds that many. */
  boolean allow(String tenant, IngestLimits limits, long bytes) {
    if (bytes <= 0) {
      return true;
    }
    Bucket b = buckets.computeIfAbsent(tenant, t -> new Bucket(clock.nanoTime(), limits));
    return b.take(clock.nanoTime(), limits, bytes);
  }

  private static final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(long now, IngestLimits limits) {
      this.tokens = limits.ingestionBurstBytes();
      this.lastNanos = now;
    }

    synchronized boolean take(long now, IngestLimits limits, long bytes) {
      long elapsed = Math.max(0, now - lastNanos);
      lastNanos = now;
      double burst = limits.ingestionBurstBytes();
      tokens = Math.min(burst, tokens + elapsed * limits.ingestionRateBytesPerSecond() / 1e9);
      if (bytes > tokens) {
        return false;
      }
      tokens -= bytes;
      return true;
    }
  }
}
