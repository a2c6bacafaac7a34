package io.moraine.tsdb.chunk;

/**
 * Decimal detection for DENSE values: a value is decimal at exponent {@code e} when {@code m =
 * rint(v * 10^e)} decodes back to the same bits as {@code (double) m / 10^e}. Exporters print
 * counters, byte sizes and rounded gauges with few decimals, so whole chunks usually scale to small
 * integers that pack far tighter than their XORed bits. Both directions use the same correctly
 * rounded IEEE operations, so the round trip check made here holds in every decoder.
 */
final class Decimal {
  /** 10^18 is the largest power of ten tried; all up to 10^22 are exact doubles. */
  static final int MAX_EXPONENT = 18;

  private static final double[] POW10 = new double[MAX_EXPONENT + 1];

  static {
    double p = 1;
    for (int e = 0; e <= MAX_EXPONENT; e++) {
      POW10[e] = p;
      p *= 10;
    }
  }

  private Decimal() {}

  /** The value that mantissa {@code m} at exponent {@code e} stands for. */
  static double toDouble(long m, int e) {
    return e == 0 ? (double) m : (double) m / POW10[e];
  }

  static double pow10(int e) {
    return POW10[e];
  }

  /** The scaled integer of {@code v} at {@code e}; meaningful only when {@link #exactAt} holds. */
  static long mantissa(double v, int e) {
    return (long) Math.rint(v * POW10[e]);
  }

  static boolean exactAt(double v, int e) {
    double s = v * POW10[e];
    if (!(Math.abs(s) < 0x1p63)) {
      return false; // NaN, infinite, or no long holds it
    }
    long m = (long) Math.rint(s);
    return Double.doubleToRawLongBits(toDouble(m, e)) == Double.doubleToRawLongBits(v);
  }

  /** The smallest exponent {@code >= from} at which {@code v} is exact, or -1. */
  static int exponentOf(double v, int from) {
    for (int e = from; e <= MAX_EXPONENT; e++) {
      if (exactAt(v, e)) {
        return e;
      }
    }
    return -1;
  }
}
