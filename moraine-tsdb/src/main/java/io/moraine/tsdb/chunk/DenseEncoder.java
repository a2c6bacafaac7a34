package io.moraine.tsdb.chunk;

import java.util.Arrays;

/**
 * Encodes a whole chunk as {@link Encoding#DENSE}: the sample count, the timestamps as a {@link
 * PackedSequence}, then the values section of {@link DenseValues}. Used when head chunks are
 * written to persistent blocks. One instance reuses its buffers across chunks; not thread-safe.
 */
public final class DenseEncoder {
  /** Most samples in one DENSE chunk; bounds what a decoder allocates for a damaged count. */
  public static final int MAX_SAMPLES = 1 << 20;

  private final BitWriter out = new BitWriter(256);
  private final PackedSequence.Encoder timestamps = new PackedSequence.Encoder();
  private final DenseValues.Encoder values = new DenseValues.Encoder();

  /**
   * Encodes {@code n} samples into this encoder's buffer.
   *
   * @param ts sample times in ms, strictly increasing
   * @param vs sample values, kept bit-exact
   * @return the chunk's length; its bytes are {@code bytes()[0, length)} until the next call
   * @throws IllegalArgumentException when {@code n} is out of range or times do not increase
   */
  public int encode(long[] ts, double[] vs, int n) {
    if (n < 0 || n > MAX_SAMPLES || n > ts.length || n > vs.length) {
      throw new IllegalArgumentException("BUG: cannot encode " + n + " samples");
    }
    for (int i = 1; i < n; i++) {
      if (ts[i] <= ts[i - 1]) {
        throw new IllegalArgumentException(
            "BUG: sample times must increase, got " + ts[i - 1] + " then " + ts[i] + " ms");
      }
    }
    out.reset();
    out.writeUvarint(n);
    if (n > 0) {
      timestamps.encode(ts, n, out);
      out.alignToByte();
      values.encode(vs, n, out);
    }
    return out.byteLength();
  }

  /** The buffer holding the last encoded chunk; owned by this encoder. */
  public byte[] bytes() {
    return out.bytes();
  }

  /** Encodes into a new array of exactly the chunk's length. */
  public static byte[] encodeToArray(long[] ts, double[] vs, int n) {
    DenseEncoder e = new DenseEncoder();
    int len = e.encode(ts, vs, n);
    return Arrays.copyOf(e.bytes(), len);
  }
}
