package io.moraine.graph.sync;

import io.moraine.core.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link UsageSummaries}.
 *
 * @param window the span each summary covers (avg, max, p95 over it)
 * @param refreshInterval how often every live object's summaries are re-evaluated
 * @param step the subquery resolution: the instant expression is sampled every {@code step} inside
 *     the window (30 s: ten points in five minutes, finer than the typical 15 to 60 s scrape gives
 *     no more information)
 * @param clock the evaluation time of each refresh
 */
public record UsageSummariesOptions(
    Duration window, Duration refreshInterval, Duration step, Clock clock) {

  public static final UsageSummariesOptions DEFAULT =
      new UsageSummariesOptions(
          Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(30), Clock.SYSTEM);

  public UsageSummariesOptions {
    Objects.requireNonNull(clock, "clock");
    positiveMillis("window", window);
    positiveMillis("refreshInterval", refreshInterval);
    positiveMillis("step", step);
    if (step.compareTo(window) > 0) {
      throw new IllegalArgumentException(
          "step " + step + " must not be longer than the window " + window);
    }
  }

  private static void positiveMillis(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.toMillis() <= 0 || d.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(name + " must be a positive whole number of ms: " + d);
    }
  }

  public UsageSummariesOptions withClock(Clock c) {
    return new UsageSummariesOptions(window, refreshInterval, step, c);
  }
}
