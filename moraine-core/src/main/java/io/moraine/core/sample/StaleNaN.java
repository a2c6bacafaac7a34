package io.moraine.core.sample;

/**
 * Prometheus' staleness marker: a signalling NaN with a fixed bit pattern, written when a series
 * disappears. Stores keep it bit-exact; every other NaN is an ordinary value.
 */
public final class StaleNaN {
  /** The marker's bits, {@code 0x7ff0000000000002}, as Prometheus' {@code value.StaleNaN}. */
  public static final long BITS = 0x7ff0000000000002L;

  /** The marker as a double; compare with {@link #isStale}, never with {@code ==}. */
  public static final double VALUE = Double.longBitsToDouble(BITS);

  private StaleNaN() {}

  /** Whether {@code v} is the staleness marker (and not some other NaN). */
  public static boolean isStale(double v) {
    return Double.doubleToRawLongBits(v) == BITS;
  }
}
