package io.moraine.logs.logql.engine;

import io.moraine.core.time.Clock;
import java.util.Objects;

/**
 * Limits and collaborators of a {@link LogqlEngine}.
 *
 * @param maxSeries the most series a metric query may return (Loki's {@code max_query_series});
 *     past it the query fails with {@link SeriesLimitException}
 * @param timeoutNanos how long one query may run before it fails with {@link QueryTimeoutException}
 * @param maxLookBackNanos how far back an instant log query reads (Loki's {@code
 *     max_look_back_period})
 * @param clock the time source for timeouts and statistics
 * @param pipelines compiles pipeline stages
 */
public record EngineOptions(
    int maxSeries,
    long timeoutNanos,
    long maxLookBackNanos,
    Clock clock,
    PipelineFactory pipelines) {
  /** Loki 2.9's defaults: 500 series, a one-minute timeout, 30 s look-back. */
  public static final EngineOptions DEFAULT =
      new EngineOptions(
          500, 60_000_000_000L, 30_000_000_000L, Clock.SYSTEM, LinkedPipelines.INSTANCE);

  public EngineOptions {
    if (maxSeries <= 0) {
      throw new IllegalArgumentException("maxSeries must be positive, got " + maxSeries);
    }
    if (timeoutNanos <= 0) {
      throw new IllegalArgumentException("timeoutNanos must be positive, got " + timeoutNanos);
    }
    if (maxLookBackNanos < 0) {
      throw new IllegalArgumentException("maxLookBackNanos must not be negative");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pipelines, "pipelines");
  }

  /** These options with another pipeline factory. */
  public EngineOptions withPipelines(PipelineFactory factory) {
    return new EngineOptions(maxSeries, timeoutNanos, maxLookBackNanos, clock, factory);
  }

  /** These options with another series limit. */
  public EngineOptions withMaxSeries(int max) {
    return new EngineOptions(max, timeoutNanos, maxLookBackNanos, clock, pipelines);
  }

  /** These options with another timeout and clock. */
  public EngineOptions withTimeout(long nanos, Clock timeClock) {
    return new EngineOptions(maxSeries, nanos, maxLookBackNanos, timeClock, pipelines);
  }
}
