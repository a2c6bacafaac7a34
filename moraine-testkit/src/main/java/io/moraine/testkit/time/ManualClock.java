package io.moraine.testkit.time;

import io.moraine.core.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when told to. Thread-safe: any thread may read or move it.
 *
 * <p>Wall time and monotonic time move together: {@link #advance} adds the same amount to both;
 * {@link #setMillis} changes only the wall time (as an NTP step would), so {@link #nanoTime} never
 * goes backwards.
 */
public final class ManualClock implements Clock {
  private final AtomicLong millis;
  private final AtomicLong nanos = new AtomicLong();

  /** A clock standing at {@code startMillis} ms since the epoch, monotonic time 0. */
  public ManualClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  /** A clock standing at the epoch. */
  public ManualClock() {
    this(0);
  }

  @Override
  public long nowMillis() {
    return millis.get();
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  /** Sets the wall time; the monotonic time is left alone. */
  public void setMillis(long nowMillis) {
    millis.set(nowMillis);
  }

  /**
   * Moves both wall and monotonic time forward by {@code millis}.
   *
   * @throws IllegalArgumentException when {@code millis} is negative
   */
  public void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  /**
   * Moves both wall and monotonic time forward (wall time at ms resolution, sub-ms parts dropped).
   *
   * @throws IllegalArgumentException when {@code d} is negative
   */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock cannot advance by a negative duration: " + d);
    }
    millis.addAndGet(d.toMillis());
    nanos.addAndGet(d.toNanos());
  }
}
