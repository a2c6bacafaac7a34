package io.moraine.tsdb.chunk;

import java.util.Arrays;

/**
 * The values section of a DENSE chunk: a mode byte, then {@link #CONST} (one raw value), {@link
 * #DECIMAL} (an exponent, the positions and raw bits of the few values that are not decimal, and
 * the scaled integers as a {@link PackedSequence}) or {@link #XOR} (Gorilla-compressed bits). The
 * encoder picks the smallest; see {@code docs/format/chunks.md}.
 */
final class DenseValues {
  static final int CONST = 0;
  static final int DECIMAL = 1;
  static final int XOR = 2;

  /**
   * Decimal chunks costing more than this many bits per sample are also tried as XOR, which wins
   * for mostly repeating values with rare large jumps. On the realistic mix, trying XOR for every
   * chunk instead saved 0.1 % of the bytes and cost 21 % of DENSE encoding throughput (47.8 M to
   * 37.9 M samples/s, ChunkEncodeBenchmark at 120 samples per chunk).
   */
  static final int XOR_TRY_BITS_PER_SAMPLE = 12;

  private DenseValues() {}

  /** At most this many values of a decimal chunk may be exceptions (stale markers, NaN, -0.0). */
  static int maxExceptions(int n) {
    return n / 8 + 1;
  }

  /** Encoder with reusable scratch; not thread-safe. */
  static final class Encoder {
    private final PackedSequence.Encoder sequence = new PackedSequence.Encoder();
    private final XorValues.Writer xorWriter = new XorValues.Writer();
    private final BitWriter xorScratch = new BitWriter(256);
    private long[] mantissas = new long[0];
    private int[] exceptionIndex = new int[0];
    private long[] exceptionBits = new long[0];

    /** Writes the section for {@code vs[0, n)}, {@code n >= 1}; {@code w} is byte-aligned. */
    void encode(double[] vs, int n, BitWriter w) {
      long first = Double.doubleToRawLongBits(vs[0]);
      int i = 1;
      while (i < n && Double.doubleToRawLongBits(vs[i]) == first) {
        i++;
      }
      if (i == n) {
        w.writeByte(CONST);
        w.writeBits(first, 64);
        return;
      }
      long mark = w.bitLength();
      boolean decimal = writeDecimal(vs, n, w);
      long decimalBits = w.bitLength() - mark;
      if (decimal && decimalBits <= (long) n * XOR_TRY_BITS_PER_SAMPLE) {
        return;
      }
      xorScratch.reset();
      xorScratch.writeByte(XOR);
      xorWriter.first(xorScratch, first);
      for (int j = 1; j < n; j++) {
        xorWriter.next(xorScratch, Double.doubleToRawLongBits(vs[j]));
      }
      if (!decimal || xorScratch.bitLength() < decimalBits) {
        w.truncate(mark);
        w.writeBytes(xorScratch.bytes(), 0, xorScratch.byteLength());
      }
    }

    private boolean writeDecimal(double[] vs, int n, BitWriter w) {
      int maxExceptions = maxExceptions(n);
      int e = exponent(vs, n, maxExceptions);
      if (e < 0) {
        return false;
      }
      if (mantissas.length < n) {
        mantissas = new long[Math.max(n, mantissas.length * 2)];
      }
      if (exceptionIndex.length < maxExceptions) {
        exceptionIndex = new int[maxExceptions];
        exceptionBits = new long[maxExceptions];
      }
      long[] m = mantissas;
      int exceptions = 0;
      int firstValid = -1;
      for (int j = 0; j < n; j++) {
        double v = vs[j];
        long mj = Decimal.mantissa(v, e);
        if (Double.doubleToRawLongBits(Decimal.toDouble(mj, e)) == Double.doubleToRawLongBits(v)) {
          m[j] = mj;
          if (firstValid < 0) {
            firstValid = j;
            Arrays.fill(m, 0, j, mj); // leading exceptions repeat the first value
          }
          continue;
        }
        if (exceptions == maxExceptions) {
          return false;
        }
        exceptionIndex[exceptions] = j;
        exceptionBits[exceptions++] = Double.doubleToRawLongBits(v);
        // An exception continues its predecessors' trend, so it costs a zero delta-of-delta.
        m[j] = j > 1 ? 2 * m[j - 1] - m[j - 2] : j == 1 ? m[0] : 0;
      }
      if (firstValid < 0) {
        return false;
      }
      w.writeByte(DECIMAL);
      w.writeByte(e);
      w.writeUvarint(exceptions);
      int prev = 0;
      for (int k = 0; k < exceptions; k++) {
        w.writeUvarint(exceptionIndex[k] - prev);
        w.writeBits(exceptionBits[k], 64);
        prev = exceptionIndex[k];
      }
      sequence.encode(m, n, w);
      return true;
    }

    /**
     * The smallest exponent at which all but at most {@code maxExceptions} values are decimal, or
     * -1. Raising the exponent keeps earlier values decimal as long as their integers stay exact;
     * the caller's second pass rechecks every value.
     */
    private static int exponent(double[] vs, int n, int maxExceptions) {
      int e = 0;
      int exceptions = 0;
      for (int j = 0; j < n; j++) {
        double v = vs[j];
        if (Decimal.exactAt(v, e)) {
          continue;
        }
        int higher = Decimal.exponentOf(v, e + 1);
        if (higher >= 0) {
          e = higher;
        } else if (++exceptions > maxExceptions) {
          return -1;
        }
      }
      return e;
    }
  }

  /** Decoder with reusable scratch; not thread-safe. */
  static final class Decoder {
    private final XorValues.Reader xorReader = new XorValues.Reader();
    private long[] mantissas = new long[0];
    private int[] exceptionIndex = new int[0];
    private long[] exceptionBits = new long[0];

    /**
     * Reads the section into {@code out[0, n)}.
     *
     * @throws CorruptChunkException on malformed input
     */
    void decode(BitReader r, int n, double[] out) {
      int mode = r.readByte();
      switch (mode) {
        case CONST -> Arrays.fill(out, 0, n, Double.longBitsToDouble(r.readBits(64)));
        case DECIMAL -> decodeDecimal(r, n, out);
        case XOR -> {
          out[0] = Double.longBitsToDouble(xorReader.first(r));
          for (int j = 1; j < n; j++) {
            out[j] = Double.longBitsToDouble(xorReader.next(r));
          }
        }
        default -> throw new CorruptChunkException("unknown DENSE value mode " + mode);
      }
    }

    private void decodeDecimal(BitReader r, int n, double[] out) {
      int e = r.readByte();
      if (e > Decimal.MAX_EXPONENT) {
        throw new CorruptChunkException("decimal exponent " + e);
      }
      long exceptions = r.readUvarint();
      if (exceptions > n) {
        throw new CorruptChunkException(exceptions + " exceptions in " + n + " values");
      }
      int count = (int) exceptions;
      if (exceptionIndex.length < count) {
        exceptionIndex = new int[Math.max(count, exceptionIndex.length * 2)];
        exceptionBits = new long[exceptionIndex.length];
      }
      long index = 0;
      for (int k = 0; k < count; k++) {
        index += r.readUvarint();
        if (index >= n) {
          throw new CorruptChunkException("exception at " + index + " of " + n + " values");
        }
        exceptionIndex[k] = (int) index;
        exceptionBits[k] = r.readBits(64);
      }
      if (mantissas.length < n) {
        mantissas = new long[Math.max(n, mantissas.length * 2)];
      }
      long[] m = mantissas;
      PackedSequence.decode(r, n, m);
      if (e == 0) {
        for (int j = 0; j < n; j++) {
          out[j] = (double) m[j];
        }
      } else {
        double p = Decimal.pow10(e);
        for (int j = 0; j < n; j++) {
          out[j] = (double) m[j] / p;
        }
      }
      for (int k = 0; k < count; k++) {
        out[exceptionIndex[k]] = Double.longBitsToDouble(exceptionBits[k]);
      }
    }
  }
}
