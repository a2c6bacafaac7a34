package io.moraine.core.logs;

import java.util.List;
import java.util.Objects;

/**
 * What a select may use to skip work. A store may ignore any hint except the direction; hints never
 * change results, only cost.
 *
 * @param direction the order of every returned cursor
 * @param requiredSubstrings byte strings (UTF-8) that every line the caller will keep contains
 *     (from {@code |= "needle"} filters); a store may skip blocks whose token filter proves one of
 *     them absent; empty when nothing is known
 * @param linesNeeded false when the caller uses only timestamps and line lengths (for example
 *     {@code count_over_time}, {@code bytes_rate} with no pipeline), so a store need not decompress
 *     lines
 * @param stats counters the store adds its figures to; one per query, not thread-safe
 */
public record LogSelectHints(
    Direction direction, List<String> requiredSubstrings, boolean linesNeeded, LogReadStats stats) {
  public LogSelectHints {
    Objects.requireNonNull(direction, "direction");
    requiredSubstrings = List.copyOf(requiredSubstrings);
    Objects.requireNonNull(stats, "stats");
  }

  /** Hints for reading every line in the given direction. */
  public static LogSelectHints all(Direction direction) {
    return new LogSelectHints(direction, List.of(), true, new LogReadStats());
  }
}
