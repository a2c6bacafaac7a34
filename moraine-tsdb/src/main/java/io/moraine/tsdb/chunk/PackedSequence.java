package io.moraine.tsdb.chunk;

import io.moraine.core.encoding.Varint;

/**
 * DENSE's integer sequence codec, used for timestamps and for decimal-scaled values. A sequence of
 * {@code n} longs is stored as differences of order 0 (the values), 1 (deltas) or 2
 * (delta-of-deltas), whichever is smallest: the first {@code order} seeds as zig-zag varints, then
 * the residuals divided by their common divisor and bit-packed frame-of-reference style in frames
 * of {@value #FRAME} samples, each frame with its own minimum and bit width; when every
 * delta-of-delta is zero, just a {@link #LINEAR} flag and the two seeds. All arithmetic wraps, so
 * every {@code long} sequence round-trips; see {@code docs/format/chunks.md}.
 */
final class PackedSequence {
  /**
   * Samples per frame. 128 keeps a 120-sample chunk in one frame; on the realistic mix
   * (ChunkSizeReport) frames of 64 made DENSE 3.5 % larger at 120 samples per chunk and 3.2 %
   * larger at 720.
   */
  static final int FRAME = 128;

  static final int MAX_ORDER = 2;

  /**
   * Not a difference order but a flag: the sequence is {@code x0 + j * d}, so only the two seeds
   * are stored. Regular scrape timestamps and constant-rate values take this form.
   */
  static final int LINEAR = 3;

  private PackedSequence() {}

  /** Encoder with reusable scratch; not thread-safe. */
  static final class Encoder {
    private long[] residuals = new long[0];
    private final long[] bits = new long[MAX_ORDER + 1];
    private final long[] gcd = new long[MAX_ORDER + 1];

    /** Writes {@code xs[0, n)}, {@code n >= 1}; returns the order chosen. */
    int encode(long[] xs, int n, BitWriter w) {
      int order = cheapestOrder(xs, n);
      w.writeByte(order);
      if (order >= 1) {
        w.writeVarint(xs[0]);
      }
      if (order >= 2) {
        w.writeVarint(xs[1] - xs[0]);
      }
      if (order <= MAX_ORDER && n > order) {
        long[] r = residuals(xs, n, order);
        writeResiduals(r, order, n, gcd[order], w);
      }
      return order;
    }

    private int cheapestOrder(long[] xs, int n) {
      int maxOrder = Math.min(MAX_ORDER, n - 1);
      int best = 0;
      for (int order = 0; order <= maxOrder; order++) {
        long[] r = residuals(xs, n, order);
        long g = commonDivisor(r, order, n);
        boolean constant = true;
        gcd[order] = g;
        long b = 8 + varintBits(g);
        if (order >= 1) {
          b += varintBits(Varint.zigzag(xs[0]));
        }
        if (order == 2) {
          b += varintBits(Varint.zigzag(xs[1] - xs[0]));
        }
        for (int from = order; from < n; from = frameEnd(from, n)) {
          int to = frameEnd(from, n);
          long min = r[from];
          long max = min;
          for (int j = from + 1; j < to; j++) {
            min = Math.min(min, r[j]);
            max = Math.max(max, r[j]);
          }
          int width = width(Long.divideUnsigned(max - min, g));
          b += varintBits(Varint.zigzag(min)) + 8 + (((long) width * (to - from) + 7) & ~7L);
          constant &= width == 0 && min == 0;
        }
        if (order == 2 && constant) {
          return LINEAR; // every delta-of-delta is zero
        }
        bits[order] = b;
        if (b < bits[best]) {
          best = order;
        }
      }
      return best;
    }

    /** The residuals of {@code order} at {@code [order, n)} of the returned scratch array. */
    private long[] residuals(long[] xs, int n, int order) {
      if (order == 0) {
        return xs;
      }
      if (residuals.length < n) {
        residuals = new long[Math.max(n, residuals.length * 2)];
      }
      long[] r = residuals;
      if (order == 1) {
        for (int j = 1; j < n; j++) {
          r[j] = xs[j] - xs[j - 1];
        }
      } else {
        for (int j = 2; j < n; j++) {
          r[j] = (xs[j] - xs[j - 1]) - (xs[j - 1] - xs[j - 2]);
        }
      }
      return r;
    }

    private static void writeResiduals(long[] r, int order, int n, long g, BitWriter w) {
      w.writeUvarint(g);
      int shift = Long.numberOfTrailingZeros(g);
      long inverse = inverseOfOdd(g >>> shift);
      for (int from = order; from < n; from = frameEnd(from, n)) {
        int to = frameEnd(from, n);
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
    int order = r.readByte();
    if (order > LINEAR || order > n || (order == LINEAR && n < 2)) {
      throw new CorruptChunkException("sequence order " + order + " for " + n + " values");
    }
    long seed0 = order >= 1 ? r.readVarint() : 0;
    long seed1 = order >= 2 ? r.readVarint() : 0;
    if (order <= MAX_ORDER && n > order) {
      long g = r.readUvarint();
      if (g == 0) {
        throw new CorruptChunkException("zero common divisor");
      }
      for (int from = order; from < n; from = frameEnd(from, n)) {
        int to = frameEnd(from, n);
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
    integrate(out, n, order, seed0, seed1);
  }

  private static void unpack(BitReader r, int width, int from, int to, long min, long g, long[] out) {
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

  private static void integrate(long[] out, int n, int order, long seed0, long seed1) {
    if (order == LINEAR) {
      long x = seed0;
      for (int j = 0; j < n; j++, x += seed1) {
        out[j] = x;
      }
    } else if (order == 1) {
      out[0] = seed0;
      for (int j = 1; j < n; j++) {
        out[j] += out[j - 1];
      }
    } else if (order == 2) {
      out[0] = seed0;
      long delta = seed1;
      long x = seed0 + seed1;
      if (n > 1) {
        out[1] = x;
      }
      for (int j = 2; j < n; j++) {
        delta += out[j];
        x += delta;
        out[j] = x;
      }
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
