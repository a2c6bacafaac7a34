package io.moraine.tsdb.chunk;

import io.moraine.core.encoding.Varint;

/**
 * DENSE's integer sequence codec, used for timestamps and for decimal-scaled values. A sequence of
 * {@code n} longs is stored in one of five forms, whichever is smallest: the values themselves,
 * their deltas, their delta-of-deltas, their deviations from a straight line ({@link #TREND}), or
 * just a straight line ({@link #LINEAR}). Seeds are zig-zag varints; residuals are divided by their
 * common divisor and bit-packed frame-of-reference style in frames of {@value #FRAME} samples, each
 * frame with its own minimum and bit width. All arithmetic wraps, so every {@code long} sequence
 * round-trips; see {@code docs/format/chunks.md}.
 */
final class PackedSequence {
  /**
   * Samples per frame. 128 keeps a 120-sample chunk in one frame; on the realistic mix
   * (ChunkSizeReport) frames of 64 made DENSE 3.5 % larger at 120 samples per chunk and 3.2 %
   * larger at 720.
   */
  static final int FRAME = 128;

  /** Form: residuals are the values. Small random gauges. */
  static final int VALUES = 0;

  /** Form: seed x0; residuals are deltas. Counters, random walks. */
  static final int DELTA = 1;

  /** Form: seeds x0, x1 - x0; residuals are delta-of-deltas. Steady rates. */
  static final int DOD = 2;

  /**
   * Form: seeds x0 and d; {@code x_j = x0 + j * d}, nothing else stored. Regular scrape timestamps
   * and constant-rate values take this form (every delta-of-delta is zero).
   */
  static final int LINEAR = 3;

  /**
   * Form: seeds x0 and d; residuals {@code x_j - x0 - j * d}. Jittered scrape timestamps: a jitter
   * of ±k costs log2(2k+1) bits where deltas would cost log2(4k+1).
   */
  static final int TREND = 4;

  private static final int FORMS = 5;

  /** Forms the encoder sizes up; {@link #LINEAR} is found while sizing {@link #DOD}. */
  private static final int[] CANDIDATES = {VALUES, DELTA, DOD, TREND};

  private PackedSequence() {}

  /** First position with a residual in each form ({@link #LINEAR} has none). */
  private static int start(int form) {
    return switch (form) {
      case VALUES -> 0;
      case DELTA, TREND -> 1;
      case DOD -> 2;
      default -> Integer.MAX_VALUE;
    };
  }

  /**
   * The slope {@link #TREND} uses: the average step from the first to the last value, rounded (a
   * slope off by one would make the residuals drift by one per sample).
   */
  private static long slope(long[] xs, int n) {
    return Math.floorDiv(xs[n - 1] - xs[0] + (n - 1) / 2, (long) n - 1);
  }

  /** Encoder with reusable scratch; not thread-safe. */
  static final class Encoder {
    private long[] residuals = new long[0];
    private final long[] gcd = new long[FORMS];

    /** Writes {@code xs[0, n)}, {@code n >= 1}; returns the form chosen. */
    int encode(long[] xs, int n, BitWriter w) {
      int form = cheapestForm(xs, n);
      w.writeByte(form);
      if (form != VALUES) {
        w.writeVarint(xs[0]);
      }
      if (form == DOD || form == LINEAR) {
        w.writeVarint(xs[1] - xs[0]);
      } else if (form == TREND) {
        w.writeVarint(slope(xs, n));
      }
      if (form != LINEAR) {
        writeResiduals(residuals(xs, n, form), start(form), n, gcd[form], w);
      }
      return form;
    }

    private int cheapestForm(long[] xs, int n) {
      if (n == 1) {
        gcd[VALUES] = 1;
        return VALUES;
      }
      int best = VALUES;
      long bestBits = Long.MAX_VALUE;
      int candidates = n == 2 ? 2 : CANDIDATES.length; // DOD and TREND need three values
      for (int c = 0; c < candidates; c++) {
        int form = CANDIDATES[c];
        long[] r = residuals(xs, n, form);
        int from = start(form);
        long g = commonDivisor(r, from, n);
        gcd[form] = g;
        long b = 8 + varintBits(g) + (form == VALUES ? 0 : varintBits(Varint.zigzag(xs[0])));
        if (form == DOD) {
          b += varintBits(Varint.zigzag(xs[1] - xs[0]));
        } else if (form == TREND) {
          b += varintBits(Varint.zigzag(slope(xs, n)));
        }
        boolean allZero = true;
        for (int to; from < n; from = to) {
          to = frameEnd(from, n);
          long min = r[from];
          long max = min;
          for (int j = from + 1; j < to; j++) {
            min = Math.min(min, r[j]);
            max = Math.max(max, r[j]);
          }
          int width = width(Long.divideUnsigned(max - min, g));
          b += varintBits(Varint.zigzag(min)) + 8 + (((long) width * (to - from) + 7) & ~7L);
          allZero &= width == 0 && min == 0;
        }
        if (form == DOD && allZero) {
          return LINEAR;
        }
        if (b < bestBits) {
          best = form;
          bestBits = b;
        }
      }
      return best;
    }

    /** The residuals of {@code form} at {@code [start(form), n)} of the returned array. */
    private long[] residuals(long[] xs, int n, int form) {
      if (form == VALUES) {
        return xs;
      }
      if (residuals.length < n) {
        residuals = new long[Math.max(n, residuals.length * 2)];
      }
      long[] r = residuals;
      switch (form) {
        case DELTA -> {
          for (int j = 1; j < n; j++) {
            r[j] = xs[j] - xs[j - 1];
          }
        }
        case DOD -> {
          for (int j = 2; j < n; j++) {
            r[j] = (xs[j] - xs[j - 1]) - (xs[j - 1] - xs[j - 2]);
          }
        }
        case TREND -> {
          long d = slope(xs, n);
          long line = xs[0];
          for (int j = 1; j < n; j++) {
            line += d;
            r[j] = xs[j] - line;
          }
        }
        default -> throw new IllegalStateException("BUG: no residuals for form " + form);
      }
      return r;
    }

    private static void writeResiduals(long[] r, int from, int n, long g, BitWriter w) {
      w.writeUvarint(g);
      int shift = Long.numberOfTrailingZeros(g);
      long inverse = inverseOfOdd(g >>> shift);
      for (int to; from < n; from = to) {
        to = frameEnd(from, n);
        long min = r[from];
        for (int j = from + 1; j < to; j++) {
          min = Math.min(min, r[j]);
        }
        long or = 0;
        for (int j = from; j < to; j++) {
          or |= quotient(r[j] - min, shift, inverse);
        }
        int width = width(or);
        w.writeVarint(min);
        w.writeByte(width);
        for (int j = from; j < to; j++) {
          w.writeBits(quotient(r[j] - min, shift, inverse), width);
        }
        w.alignToByte();
      }
    }
  }

  /**
   * Reads {@code n >= 1} values into {@code out[0, n)}.
   *
   * @throws CorruptChunkException on malformed input
   */
  static void decode(BitReader r, int n, long[] out) {
    int form = r.readByte();
    boolean valid =
        switch (form) {
          case VALUES -> true;
          case DELTA -> n >= 2;
          case DOD, LINEAR, TREND -> n >= 3;
          default -> false;
        };
    if (!valid) {
      throw new CorruptChunkException("sequence form " + form + " for " + n + " values");
    }
    long x0 = form != VALUES ? r.readVarint() : 0;
    long d = form == DOD || form == LINEAR || form == TREND ? r.readVarint() : 0;
    if (form != LINEAR) {
      long g = r.readUvarint();
      if (g == 0) {
        throw new CorruptChunkException("zero common divisor");
      }
      for (int from = start(form), to; from < n; from = to) {
        to = frameEnd(from, n);
        long min = r.readVarint();
        int width = r.readByte();
        if (width > 64) {
          throw new CorruptChunkException("bit width " + width);
        }
        long frameBits = (long) width * (to - from);
        r.require(frameBits);
        unpack(r, width, from, to, min, g, out);
        r.seekBits(r.bitPosition() + frameBits);
        r.alignToByte();
      }
    }
    integrate(out, n, form, x0, d);
  }

  private static void unpack(
      BitReader r, int width, int from, int to, long min, long g, long[] out) {
    if (width == 0) {
      for (int j = from; j < to; j++) {
        out[j] = min;
      }
    } else if (width <= 56) {
      byte[] buf = r.array();
      long pos = r.bitPosition();
      for (int j = from; j < to; j++, pos += width) {
        out[j] = min + BitReader.peek(buf, pos, width) * g;
      }
    } else {
      long start = r.bitPosition();
      for (int j = from; j < to; j++) {
        out[j] = min + r.readBits(width) * g;
      }
      r.seekBits(start);
    }
  }

  /** Turns residuals at {@code out[start(form), n)} back into values. */
  private static void integrate(long[] out, int n, int form, long x0, long d) {
    switch (form) {
      case DELTA -> {
        out[0] = x0;
        for (int j = 1; j < n; j++) {
          out[j] += out[j - 1];
        }
      }
      case DOD -> {
        out[0] = x0;
        out[1] = x0 + d;
        long x = out[1];
        for (int j = 2; j < n; j++) {
          d += out[j];
          x += d;
          out[j] = x;
        }
      }
      case LINEAR, TREND -> {
        out[0] = x0;
        long line = x0;
        boolean residuals = form == TREND;
        for (int j = 1; j < n; j++) {
          line += d;
          out[j] = residuals ? line + out[j] : line;
        }
      }
      default -> {} // VALUES: the residuals are the values
    }
  }

  static int frameEnd(int from, int n) {
    return Math.min(n, (from / FRAME + 1) * FRAME);
  }

  /**
   * The greatest common divisor of all {@code r[j] - r[order]}, at least 1. Counters and gauges
   * that move in fixed units (4096-byte pages, whole seconds) have one, and dividing it out saves
   * its bits on every sample.
   */
  static long commonDivisor(long[] r, int order, int n) {
    long base = r[order];
    long g = 0;
    for (int j = order + 1; j < n; j++) {
      long d = r[j] - base;
      if (((r[j] ^ base) & (r[j] ^ d)) < 0 || d == Long.MIN_VALUE) {
        return 1; // the difference overflowed: no divisor, so wrapped arithmetic stays exact
      }
      d = Math.abs(d);
      if (d == 0) {
        continue;
      }
      if (g == 0) {
        g = d;
      } else if (Long.bitCount(g) == 1) {
        g = Math.min(g, Long.lowestOneBit(d));
      } else if (d % g != 0) {
        g = gcd(g, d % g);
      }
      if (g == 1) {
        return 1;
      }
    }
    return g == 0 ? 1 : g;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** {@code x / g} for an exact multiple x of {@code g = odd << shift}, without dividing. */
  private static long quotient(long x, int shift, long inverseOfOdd) {
    return (x >>> shift) * inverseOfOdd;
  }

  /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
  static long inverseOfOdd(long odd) {
    long inv = odd;
    for (int i = 0; i < 5; i++) {
      inv *= 2 - odd * inv;
    }
    return inv;
  }

  static int width(long unsigned) {
    return 64 - Long.numberOfLeadingZeros(unsigned);
  }

  private static long varintBits(long v) {
    return 8L * Varint.uvarintSize(v);
  }
}
