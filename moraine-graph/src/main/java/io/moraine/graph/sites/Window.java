package io.moraine.graph.sites;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A closed time window {@code [start, end]} at millisecond precision. Immutable.
 *
 * @throws WindowException when {@code end} is not after {@code start}
 */
public record Window(Instant start, Instant end) {
  public Window {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    start = Instant.ofEpochMilli(start.toEpochMilli());
    end = Instant.ofEpochMilli(end.toEpochMilli());
    if (!end.isAfter(start)) {
      throw new WindowException(
          "end timestamp must not be before or equal to start time (start "
              + start
              + ", end "
              + end
              + ")");
    }
  }

  /** The window's length. */
  public Duration length() {
    return Duration.between(start, end);
  }

  /** The window's length in ms. */
  public long millis() {
    return end.toEpochMilli() - start.toEpochMilli();
  }

  /**
   * The subquery step for a window: {@code max(minStep, length / maxSteps)}, rounded up to the ms
   * so that the window never holds more than {@code maxSteps} steps.
   */
  long stepMillis(Duration minStep, int maxSteps) {
    long perStep = (millis() + maxSteps - 1) / maxSteps;
    return Math.max(minStep.toMillis(), perStep);
  }

  /** A PromQL duration of exactly {@code ms}: whole seconds as {@code 5400s}, else {@code ms}. */
  static String promDuration(long ms) {
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
