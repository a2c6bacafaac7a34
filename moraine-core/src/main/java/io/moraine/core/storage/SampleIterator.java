package io.moraine.core.storage;

/**
 * A primitive cursor over samples in ascending time. Not thread-safe. Before the first {@link
 * #next} or {@link #seek} it stands before the first sample.
 */
public interface SampleIterator {
  /** Moves to the next sample; false at the end (and forever after). */
  boolean next();

  /**
   * Moves to the first sample at or after {@code t} (ms), never backwards: when the current sample
   * is already at or after {@code t}, stays. False when there is none.
   */
  boolean seek(long t);

  /** Time of the current sample in ms. */
  long atT();

  /** Value of the current sample, bit-exact as stored. */
  double atV();

  /** An iterator with no samples. */
  SampleIterator EMPTY =
      new SampleIterator() {
        @Override
        public boolean next() {
          return false;
        }

        @Override
        public boolean seek(long t) {
          return false;
        }

        @Override
        public long atT() {
          throw new IllegalStateException("BUG: atT() on an empty iterator");
        }

        @Override
        public double atV() {
          throw new IllegalStateException("BUG: atV() on an empty iterator");
        }
      };
}
