package io.moraine.core.logs;

import io.moraine.core.labels.Labels;

/**
 * Entries of one stream in time order (ascending for {@link Direction#FORWARD}, descending for
 * {@link Direction#BACKWARD}); entries with equal timestamps keep their append order (reversed when
 * backward). Not thread-safe. The line buffer is owned by the cursor and overwritten by the next
 * {@link #next()}: copy what must outlive it.
 */
public interface LogCursor {
  /**
   * Moves to the next entry; false at the end.
   *
   * @throws io.moraine.core.encoding.CorruptionException when stored data cannot be read
   */
  boolean next();

  /** The current entry's time in nanoseconds since the epoch. */
  long timestampNanos();

  /**
   * The array holding the current line as UTF-8 from offset {@link #lineOffset()} for {@link
   * #lineLength()} bytes. When the select's hints said lines are not needed, the array may hold
   * nothing useful, but the length is still the line's.
   */
  byte[] lineBytes();

  /** Offset of the current line in {@link #lineBytes()}. */
  int lineOffset();

  /** Length in bytes of the current line. */
  int lineLength();

  /** The current entry's structured metadata; {@link Labels#EMPTY} when none. */
  Labels metadata();
}
