package io.moraine.tsdb.chunk;

import static io.moraine.tsdb.chunk.BitWriter.LONG_BE;

/**
 * Reads a big-endian bit stream from {@code [off, off + len)} of an array. Reads past the end throw
 * {@link CorruptChunkException}, so a damaged chunk fails loudly instead of yielding garbage.
 * Reused through {@link #reset}; not thread-safe.
 */
final class BitReader {
  private byte[] buf = new byte[0];
  private long bitPos;
  private long bitEnd;

  void reset(byte[] data, int off, int len) {
    buf = data;
    bitPos = (long) off << 3;
    bitEnd = (long) (off + len) << 3;
  }

  byte[] array() {
    return buf;
  }

  /** Absolute bit position in the array. */
  long bitPosition() {
    return bitPos;
  }

  /** Absolute byte position in the array; the stream must be byte-aligned. */
  int bytePosition() {
    return (int) (bitPos >>> 3);
  }

  void seekBits(long absoluteBitPos) {
    bitPos = absoluteBitPos;
  }

  void alignToByte() {
    bitPos = (bitPos + 7) & ~7L;
  }

  /** Fails unless {@code n} more bits are available. */
  void require(long n) {
    if (n > bitEnd - bitPos) {
      throw new CorruptChunkException("truncated: needs " + n + " more bits");
    }
  }

  /** Reads {@code n} bits, {@code 0 <= n <= 64}, as an unsigned value. */
  long readBits(int n) {
    if (n > 56) {
      long hi = readBits(n - 32);
      return (hi << 32) | readBits(32);
    }
    if (n == 0) {
      return 0;
    }
    require(n);
    long v = peek(buf, bitPos, n);
    bitPos += n;
    return v;
  }

  boolean readBit() {
    return readBits(1) != 0;
  }

  int readByte() {
    return (int) readBits(8);
  }

  long readUvarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      long b = readBits(8);
      result |= (b & 0x7F) << shift;
      if (b < 0x80) {
        return result;
      }
    }
    throw new CorruptChunkException("varint longer than 10 bytes");
  }

  long readVarint() {
    long u = readUvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /**
   * The {@code n} bits ({@code 1 <= n <= 56}) at absolute bit position {@code pos}; the caller has
   * checked the bounds of the stream. One 8-byte load when the array allows, else byte by byte.
   */
  static long peek(byte[] buf, long pos, int n) {
    int i = (int) (pos >>> 3);
    int shift = (int) (pos & 7);
    long word;
    if (i + 8 <= buf.length) {
      word = (long) LONG_BE.get(buf, i);
    } else {
      word = 0;
      for (int k = 0; k < 8; k++) {
        word = (word << 8) | (i + k < buf.length ? buf[i + k] & 0xFFL : 0);
      }
    }
    return (word << shift) >>> (64 - n);
  }
}
