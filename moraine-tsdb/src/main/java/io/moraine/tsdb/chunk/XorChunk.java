package io.moraine.tsdb.chunk;

/**
 * Layout shared by {@link XorAppender} and {@link XorDecoder}: a 2-byte big-endian sample count,
 * the first timestamp as a zig-zag varint, the first value's 64 raw bits, the first delta as an
 * unsigned varint, then per sample a delta-of-delta bucket and an XOR-compressed value. See {@code
 * docs/format/chunks.md}.
 */
final class XorChunk {
  /** Bytes of the sample-count header. */
  static final int HEADER_BYTES = 2;

  /** The count is 16 bits wide. */
  static final int MAX_SAMPLES = 0xFFFF;

  private XorChunk() {}

  static int numSamples(byte[] data, int off, int len) {
    if (len < HEADER_BYTES) {
      throw new CorruptChunkException("XOR chunk shorter than its header: " + len + " bytes");
    }
    return ((data[off] & 0xFF) << 8) | (data[off + 1] & 0xFF);
  }

  /**
   * Writes a delta-of-delta in the smallest bucket: {@code 0}; {@code 10} + 14 bits; {@code 110} +
   * 17 bits; {@code 1110} + 20 bits; {@code 1111} + 64 bits, two's complement. The bucket sizes are
   * Prometheus': regular scrapes give dod 0, millisecond jitter fits 14 bits.
   */
  static void writeDod(BitWriter w, long dod) {
    if (dod == 0) {
      w.writeBits(0, 1);
    } else if (fits(dod, 14)) {
      w.writeBits((0b10L << 14) | (dod & 0x3FFF), 16);
    } else if (fits(dod, 17)) {
      w.writeBits((0b110L << 17) | (dod & 0x1FFFF), 20);
    } else if (fits(dod, 20)) {
      w.writeBits((0b1110L << 20) | (dod & 0xFFFFF), 24);
    } else {
      w.writeBits(0b1111, 4);
      w.writeBits(dod, 64);
    }
  }

  static long readDod(BitReader r) {
    if (!r.readBit()) {
      return 0;
    }
    if (!r.readBit()) {
      return signExtend(r.readBits(14), 14);
    }
    if (!r.readBit()) {
      return signExtend(r.readBits(17), 17);
    }
    if (!r.readBit()) {
      return signExtend(r.readBits(20), 20);
    }
    return r.readBits(64);
  }

  private static boolean fits(long v, int bits) {
    return v >= -(1L << (bits - 1)) && v < (1L << (bits - 1));
  }

  private static long signExtend(long v, int bits) {
    return (v << (64 - bits)) >> (64 - bits);
  }
}
