package io.moraine.core.logs;

import io.moraine.core.labels.Labels;

/**
 * Streams returned by a select, one at a time. Not thread-safe. {@link #cursor()} of the current
 * stream may be called once per stream; it is valid until the querier closes, so a caller may hold
 * cursors of many streams at once (to merge them by time).
 */
public interface LogStreamSet {
  /** Moves to the next stream; false when there is none. */
  boolean next();

  /** The current stream's labels. */
  Labels labels();

  /** The current stream's entries in range, in the select's direction. */
  LogCursor cursor();
}
