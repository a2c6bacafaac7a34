package io.moraine.kube.state;

import io.moraine.core.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link KubeStateExporter}.
 *
 * @param interval time between rounds; kube-state-metrics is commonly scraped every 30 s
 * @param clock the source of sample timestamps
 */
public record KubeStateOptions(Duration interval, Clock clock) {
  /** Every 30 s on the system clock. */
  public static final KubeStateOptions DEFAULT =
      new KubeStateOptions(Duration.ofSeconds(30), Clock.SYSTEM);

  public KubeStateOptions {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(clock, "clock");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "kube-state interval must be at least 1ms, got " + interval);
    }
  }

  public KubeStateOptions withInterval(Duration d) {
    return new KubeStateOptions(d, clock);
  }

  public KubeStateOptions withClock(Clock c) {
    return new KubeStateOptions(interval, c);
  }
}
