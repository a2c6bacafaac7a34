package io.moraine.tsdb.chunk;

import io.moraine.core.sample.StaleNaN;
import java.util.SplittableRandom;

/** Random sample arrays that stress every encoding path. */
final class Samples {
  static final double[] SPECIALS = {
    StaleNaN.VALUE,
    Double.NaN,
    Double.longBitsToDouble(0x7ff8000000000123L), // a NaN with payload
    Double.longBitsToDouble(0xfff0000000000001L), // negative signalling NaN
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    -0.0,
    0.0,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Double.MIN_VALUE,
    Double.MIN_NORMAL,
    1e300,
    -1e-300,
    0x1p53,
    0x1p63,
    -0x1p63,
    9.223372036854776E18,
    0.1,
    1e-9
  };

  private Samples() {}

  /** Strictly increasing times of one of several shapes, starting possibly below zero. */
  static long[] times(SplittableRandom r, int n) {
    long[] ts = new long[n];
    long t =
        switch (r.nextInt(4)) {
          case 0 -> 1_700_000_000_000L;
          case 1 -> -r.nextLong(1L << 45);
          case 2 -> 0;
          default -> r.nextLong(-(1L << 50), 1L << 50);
        };
    int shape = r.nextInt(5);
    long step = 1 + r.nextLong(shape == 4 ? 1L << 40 : 60_000);
    for (int i = 0; i < n; i++) {
      ts[i] = t;
      long d =
          switch (shape) {
            case 0 -> step; // regular
            case 1 -> step + r.nextInt(-Math.min(5, (int) step - 1), 6); // jitter
            case 2 -> 1 + r.nextLong(1L << r.nextInt(1, 40)); // irregular
            case 3 ->
                r.nextInt(10) == 0 ? step * 10 : step; // gaps: large positive and negative dod
            default -> step + r.nextLong(step); // huge deltas
          };
      t += d;
    }
    return ts;
  }

  /** Values of one of several kinds, with special values sprinkled in. */
  static double[] values(SplittableRandom r, int n) {
    double[] vs = new double[n];
    int kind = r.nextInt(9);
    double v = r.nextInt(3) == 0 ? 0 : r.nextLong(-(1L << 40), 1L << 40);
    int decimals = r.nextInt(10);
    double scale = Math.pow(10, decimals);
    for (int i = 0; i < n; i++) {
      v =
          switch (kind) {
            case 0 -> v + r.nextInt(1000); // integer counter
            case 1 -> Math.rint((v + r.nextDouble() * 100) * scale) / scale; // decimal counter
            case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(-300, 300)); // anything
            case 3 -> Double.longBitsToDouble(r.nextLong()); // any bits at all
            case 4 -> v; // constant
            case 5 -> r.nextInt(20) == 0 ? v + r.nextLong(1L << 50) : v; // rare big jumps
            case 6 -> v + r.nextInt(-512, 513); // pages, scaled below
            case 7 -> SPECIALS[r.nextInt(SPECIALS.length)];
            default -> r.nextInt(-3, 4) / scale;
          };
      vs[i] = kind == 6 ? v * 4096 : v;
      if (r.nextInt(40) == 0) {
        vs[i] = SPECIALS[r.nextInt(SPECIALS.length)];
      }
    }
    return vs;
  }

  static long[] bits(double[] vs, int n) {
    long[] b = new long[n];
    for (int i = 0; i < n; i++) {
      b[i] = Double.doubleToRawLongBits(vs[i]);
    }
    return b;
  }
}
