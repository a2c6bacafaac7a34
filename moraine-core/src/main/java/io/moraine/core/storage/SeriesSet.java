package io.moraine.core.storage;

/**
 * A cursor over series. Not thread-safe; owned by the querier that made it. Usage: {@code while
 * (set.next()) { Series s = set.at(); ... }}.
 */
public interface SeriesSet {
  /** Moves to the next series; false at the end. */
  boolean next();

  /** The current series; valid until the next call to {@link #next}. */
  Series at();

  /** An empty set. */
  SeriesSet EMPTY =
      new SeriesSet() {
        @Override
        public boolean next() {
          return false;
        }

        @Override
        public Series at() {
          throw new IllegalStateException("BUG: at() on an empty series set");
        }
      };
}
