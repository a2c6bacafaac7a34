package io.moraine.graph.sync;

import io.moraine.core.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link GraphSync}.
 *
 * @param clock wall time for resync end times; monotonic time for lag and apply latency
 * @param maxBatchDelay how long the writer waits after a batch's first change for more to coalesce
 *     (one store transaction per batch); 50 ms keeps the lag far below a second while folding a
 *     rollout's burst of pod updates into a few writes
 * @param maxPending changes queued for the writer before the listener stops queueing and instead
 *     asks for a full re-sync from the newest state (the listener never blocks)
 * @param maxBatchChanges the most changes one batch takes, so one transaction stays bounded
 */
public record GraphSyncOptions(
    Clock clock, Duration maxBatchDelay, int maxPending, int maxBatchChanges) {

  public static final GraphSyncOptions DEFAULT =
      new GraphSyncOptions(Clock.SYSTEM, Duration.ofMillis(50), 100_000, 10_000);

  public GraphSyncOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
    if (maxBatchDelay.isNegative()) {
      throw new IllegalArgumentException("maxBatchDelay must not be negative: " + maxBatchDelay);
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
    }
    if (maxBatchChanges < 1) {
      throw new IllegalArgumentException("maxBatchChanges must be at least 1: " + maxBatchChanges);
    }
  }

  public GraphSyncOptions withClock(Clock c) {
    return new GraphSyncOptions(c, maxBatchDelay, maxPending, maxBatchChanges);
  }

  public GraphSyncOptions withMaxBatchDelay(Duration d) {
    return new GraphSyncOptions(clock, d, maxPending, maxBatchChanges);
  }
}
