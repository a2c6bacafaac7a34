package io.moraine.ingest.remotewrite;

import io.moraine.core.time.Clock;

/**
 * Prometheus 2.42's shard calculation ({@code calculateDesiredShards}), over 10-second windows:
 * desired = time per sample sent x (samples in per second + 5% of the backlog), rounded up, kept
 * unless it differs by more than 30% from the current count, clamped to the configured bounds; no
 * downsharding while more than 10 seconds behind, no change at all when nothing was sent
 * successfully within twice the batch deadline. Not thread-safe: the reader's own.
 */
final class ShardCount {
  private static final double TOLERANCE = 0.3;

  private final QueueConfig config;
  private final Clock clock;
  private long lastNanos;
  private long lastIn;
  private long lastOut;
  private long lastSendNanos;

  ShardCount(QueueConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.lastNanos = clock.nanoTime();
  }

  int desired(int current, long samplesIn, Shard.Context ctx) {
    long now = clock.nanoTime();
    double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
    long out = ctx.sentSamples().get();
    long sendNanos = ctx.sendNanos().get();
    double inRate = (samplesIn - lastIn) / seconds;
    double outRate = (out - lastOut) / seconds;
    double outDuration = (sendNanos - lastSendNanos) / 1e9 / seconds;
    lastNanos = now;
    lastIn = samplesIn;
    lastOut = out;
    lastSendNanos = sendNanos;
    long sinceSuccess = now - ctx.lastSuccessNanos().get();
    if (outRate <= 0 || sinceSuccess > 2 * config.batchSendDeadline().toNanos()) {
      return current;
    }
    double highestSentSeconds = ctx.highestSentMillis().get() / 1000.0;
    double delay = Math.max(0, clock.nowMillis() / 1000.0 - highestSentSeconds);
    double pending = delay * inRate;
    double timePerSample = outDuration / outRate;
    double want = timePerSample * (inRate + 0.05 * pending);
    if (current * (1 - TOLERANCE) <= Math.ceil(want)
        && Math.ceil(want) <= current * (1 + TOLERANCE)) {
      return current;
    }
    int n = (int) Math.ceil(want);
    if (n < current && delay > 10) {
      return current;
    }
    return Math.clamp(n, config.minShards(), config.maxShards());
  }
}
