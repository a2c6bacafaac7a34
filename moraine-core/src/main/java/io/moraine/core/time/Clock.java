package io.moraine.core.time;

/** The time source every component takes; nothing reads the system clock directly. */
public interface Clock {
  /** Wall-clock time in ms since the epoch. */
  long nowMillis();

  /** Monotonic nanoseconds for measuring durations. */
  long nanoTime();

  Clock SYSTEM =
      new Clock() {
        @Override
        public long nowMillis() {
          return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
          return System.nanoTime();
        }
      };
}
