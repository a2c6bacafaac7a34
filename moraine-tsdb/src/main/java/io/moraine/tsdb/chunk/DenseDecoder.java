package io.moraine.tsdb.chunk;

/**
 * Decodes a whole {@link Encoding#DENSE} chunk into reusable arrays. One instance serves many
 * chunks; not thread-safe.
 */
public final class DenseDecoder {
  private final BitReader r = new BitReader();
  private final DenseValues.Decoder values = new DenseValues.Decoder();
  private long[] ts = new long[0];
  private double[] vs = new double[0];

  /** The sample count from the chunk's header. */
  static int numSamples(byte[] data, int off, int len) {
    BitReader h = new BitReader();
    h.reset(data, off, len);
    return readCount(h);
  }

  private static int readCount(BitReader r) {
    long n = r.readUvarint();
    if (n > DenseEncoder.MAX_SAMPLES) {
      throw new CorruptChunkException("DENSE chunk claims " + n + " samples");
    }
    return (int) n;
  }

  /**
   * Decodes the chunk in {@code data[off, off + len)}.
   *
   * @return the number of samples, now in {@code timestamps()[0, n)} and {@code values()[0, n)}
   * @throws CorruptChunkException on malformed input
   */
  public int decode(byte[] data, int off, int len) {
    r.reset(data, off, len);
    int n = readCount(r);
    if (n == 0) {
      return 0;
    }
    if (ts.length < n) {
      int size = Math.max(n, ts.length * 2);
      ts = new long[size];
      vs = new double[size];
    }
    PackedSequence.decode(r, n, ts);
    r.alignToByte();
    values.decode(r, n, vs);
    return n;
  }

  /** Times of the last decoded chunk; the array is reused by the next {@link #decode}. */
  public long[] timestamps() {
    return ts;
  }

  /** Values of the last decoded chunk; the array is reused by the next {@link #decode}. */
  public double[] values() {
    return vs;
  }
}
