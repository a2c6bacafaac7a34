package io.moraine.tsdb.chunk;

/** Streams the samples of an {@link Encoding#XOR} chunk; state of a {@link ChunkIterator}. */
final class XorDecoder {
  private final BitReader r = new BitReader();
  private final XorValues.Reader values = new XorValues.Reader();
  private int n;
  private int read;
  private long t;
  private long delta;
  private long vBits;

  void reset(byte[] data, int off, int len) {
    n = XorChunk.numSamples(data, off, len);
    r.reset(data, off + XorChunk.HEADER_BYTES, len - XorChunk.HEADER_BYTES);
    read = 0;
  }

  int numSamples() {
    return n;
  }

  /** Decodes the next sample; false when all {@link #numSamples} were read. */
  boolean next() {
    if (read >= n) {
      return false;
    }
    if (read == 0) {
      t = r.readVarint();
      vBits = values.first(r);
    } else {
      if (read == 1) {
        delta = r.readUvarint();
      } else {
        delta += XorChunk.readDod(r);
      }
      t += delta;
      vBits = values.next(r);
    }
    read++;
    return true;
  }

  long t() {
    return t;
  }

  double v() {
    return Double.longBitsToDouble(vBits);
  }
}
