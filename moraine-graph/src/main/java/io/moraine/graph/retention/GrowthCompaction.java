package io.moraine.graph.retention;

import io.moraine.graph.store.GraphStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the store when its files have grown, whatever was deleted. TDB2 writes new blocks at
 * every commit and reclaims them only by compaction, so a store under steady change grows by
 * megabytes a second (docs/benchmarks.md, "The workload knowledge graph"); retention's own
 * compaction follows deletions only. A check reads {@link GraphStore#stats()} (a directory walk)
 * and compacts when the files take more than {@code factor} times, and at least {@code minGrowth}
 * bytes more than, what they took after the last compaction (or at start). Remote stores report -1
 * bytes and are never compacted. Thread-safe.
 */
public final class GrowthCompaction implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GrowthCompaction.class);

  /**
   * @param factor growth over the baseline that triggers (2: the files doubled)
   * @param minGrowthBytes growth below which nothing is done (small stores stay as they are)
   * @param interval how often the size is checked
   */
  public record Options(double factor, long minGrowthBytes, Duration interval) {
    public static final Options DEFAULT = new Options(2.0, 256L << 20, Duration.ofMinutes(1));

    public Options {
      if (!(factor >= 1.0)) {
        throw new IllegalArgumentException("growth factor must be >= 1, got " + factor);
      }
      if (minGrowthBytes < 0) {
        throw new IllegalArgumentException("minimum growth must be >= 0, got " + minGrowthBytes);
      }
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("check interval must be positive, got " + interval);
      }
    }
  }

  private final GraphStore store;
  private final Options options;
  private final AtomicLong baseline = new AtomicLong(-1);
  private final AtomicLong compactions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private @Nullable ScheduledExecutorService scheduler;

  public GrowthCompaction(GraphStore store, Options options) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * One check: compacts when the store has grown past the threshold; returns whether it did. The
   * first check of a store only takes its size as the baseline.
   */
  public synchronized boolean check() {
    long bytes = store.stats().diskBytes();
    if (bytes < 0) {
      return false;
    }
    long base = baseline.get();
    if (base < 0) {
      baseline.set(bytes);
      return false;
    }
    if (bytes <= base * options.factor() || bytes - base < options.minGrowthBytes()) {
      return false;
    }
    store.compact();
    long after = store.stats().diskBytes();
    baseline.set(after);
    compactions.incrementAndGet();
    LOG.atInfo()
        .addKeyValue("bytes_before", bytes)
        .addKeyValue("bytes_after", after)
        .addKeyValue("baseline", base)
        .log("graph store compacted after growth");
    return true;
  }

  /** Checks every {@code interval} on one daemon thread; the first check sets the baseline. */
  public synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("growth compaction already started");
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("graph-compaction").daemon().unstarted(r));
    long every = options.interval().toMillis();
    s.scheduleWithFixedDelay(this::safeCheck, 0, every, TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  private void safeCheck() {
    try {
      check();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.atWarn().setCause(e).log("graph store growth check failed");
    }
  }

  /** Compactions done because of growth. */
  public long compactions() {
    return compactions.get();
  }

  /** Checks that failed. */
  public long failures() {
    return failures.get();
  }

  @Override
  public synchronized void close() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
      scheduler = null;
    }
  }
}
