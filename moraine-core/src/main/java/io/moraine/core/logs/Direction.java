package io.moraine.core.logs;

/** The order in which a log query reads entries, as Loki's {@code direction} parameter. */
public enum Direction {
  /** Oldest first. */
  FORWARD,
  /** Newest first (Loki's default). */
  BACKWARD
}
