package io.moraine.tsdb.chunk;

/**
 * Builds an {@link Encoding#XOR} chunk one sample at a time: the open chunk of a head series.
 * Appending costs a few bit writes and allocates nothing in steady state (the array grows
 * geometrically). Not thread-safe: the owner (the head series, under its lock) serialises appends
 * and copies or hands out {@link #bytes()} only while holding it.
 */
public final class XorAppender {
  private final BitWriter w;
  private final XorValues.Writer values = new XorValues.Writer();
  private int n;
  private long mint;
  private long lastT;
  private long lastDelta;

  public XorAppender() {
    this(128);
  }

  /**
   * An appender whose array starts at {@code initialBytes}; 120 samples of the realistic mix take
   * 278 bytes on average (2.3 bytes/sample, ChunkSizeReport), from 48 for constants to ~880.
   */
  public XorAppender(int initialBytes) {
    w = new BitWriter(initialBytes);
    w.writeBits(0, XorChunk.HEADER_BYTES * 8);
  }

  /**
   * Appends a sample; values are kept bit-exact (any NaN, -0.0, infinities).
   *
   * @throws IllegalArgumentException when {@code t} is not after {@link #maxTime()}
   * @throws IllegalStateException when the chunk already holds {@value XorChunk#MAX_SAMPLES}
   *     samples
   */
  public void append(long t, double v) {
    long bits = Double.doubleToRawLongBits(v);
    if (n == 0) {
      w.writeVarint(t);
      values.first(w, bits);
      mint = t;
    } else {
      if (t <= lastT) {
        throw new IllegalArgumentException(
            "BUG: sample at " + t + " ms is not after the chunk's last at " + lastT + " ms");
      }
      if (n == XorChunk.MAX_SAMPLES) {
        throw new IllegalStateException("BUG: XOR chunk is full (" + n + " samples)");
      }
      long delta = t - lastT;
      if (n == 1) {
        w.writeUvarint(delta);
      } else {
        XorChunk.writeDod(w, delta - lastDelta);
      }
      values.next(w, bits);
      lastDelta = delta;
    }
    lastT = t;
    n++;
    w.putShortAt(0, n);
  }

  public int numSamples() {
    return n;
  }

  /** Time of the first sample (ms); undefined while empty. */
  public long minTime() {
    return mint;
  }

  /** Time of the last sample (ms); undefined while empty. */
  public long maxTime() {
    return lastT;
  }

  /**
   * The chunk's backing array, owned by this appender: bytes {@code [0, length())} form a valid XOR
   * chunk. The array is overwritten by later appends and replaced when it grows; copy it to keep
   * it.
   */
  public byte[] bytes() {
    return w.bytes();
  }

  /** Bytes of the chunk so far. */
  public int length() {
    return w.byteLength();
  }

  /** Empties the appender for a new chunk, keeping its array. */
  public void reset() {
    w.reset();
    w.writeBits(0, XorChunk.HEADER_BYTES * 8);
    n = 0;
    mint = 0;
    lastT = 0;
    lastDelta = 0;
  }
}
