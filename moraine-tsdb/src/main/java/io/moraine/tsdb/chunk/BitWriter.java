package io.moraine.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable big-endian bit stream (most significant bit first) over a byte array. Bits are written
 * with one 8-byte load and store, so the array always keeps {@link #SLACK} zero bytes beyond the
 * last written byte; every byte past the write position is zero. Not thread-safe.
 */
final class BitWriter {
  static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int SLACK = 8;

  private byte[] buf;
  private long bitPos;

  BitWriter(int initialBytes) {
    buf = new byte[Math.max(initialBytes, 16) + SLACK];
  }

  /** Empties the stream, keeping (and zeroing) the array. */
  void reset() {
    Arrays.fill(buf, 0, Math.min(buf.length, byteLength() + SLACK), (byte) 0);
    bitPos = 0;
  }

  /** The backing array; bytes {@code [0, byteLength())} are valid until the next write. */
  byte[] bytes() {
    return buf;
  }

  long bitLength() {
    return bitPos;
  }

  /** Written bytes, counting a partly written last byte. */
  int byteLength() {
    return (int) ((bitPos + 7) >>> 3);
  }

  /** Writes the low {@code n} bits of {@code v}, {@code 0 <= n <= 64}. */
  void writeBits(long v, int n) {
    if (n > 56) {
      writeBits(v >>> 32, n - 32);
      writeBits(v, 32);
      return;
    }
    if (n == 0) {
      return;
    }
    int i = (int) (bitPos >>> 3);
    if (i + SLACK + 1 > buf.length) {
      grow(i + SLACK + 1);
    }
    long cur = (long) LONG_BE.get(buf, i);
    LONG_BE.set(buf, i, cur | ((v << (64 - n)) >>> (bitPos & 7)));
    bitPos += n;
  }

  void writeBit(boolean one) {
    writeBits(one ? 1 : 0, 1);
  }

  /** Pads with zero bits to the next byte boundary. */
  void alignToByte() {
    bitPos = (bitPos + 7) & ~7L;
  }

  /** Writes one byte; the stream must be byte-aligned. */
  void writeByte(int b) {
    writeBits(b, 8);
  }

  void writeUvarint(long v) {
    while ((v & ~0x7FL) != 0) {
      writeBits((v & 0x7F) | 0x80, 8);
      v >>>= 7;
    }
    writeBits(v, 8);
  }

  /** Zig-zag signed varint. */
  void writeVarint(long v) {
    writeUvarint((v << 1) ^ (v >> 63));
  }

  /** Overwrites two bytes big-endian at byte offset {@code at}, already written. */
  void putShortAt(int at, int v) {
    buf[at] = (byte) (v >>> 8);
    buf[at + 1] = (byte) v;
  }

  /** Appends {@code len} bytes; the stream must be byte-aligned. */
  void writeBytes(byte[] src, int off, int len) {
    int i = (int) (bitPos >>> 3);
    if (i + len + SLACK > buf.length) {
      grow(i + len + SLACK);
    }
    System.arraycopy(src, off, buf, i, len);
    bitPos += (long) len << 3;
  }

  /** Moves the write position back to {@code bitPosition}, zeroing what lay beyond it. */
  void truncate(long bitPosition) {
    int from = (int) (bitPosition >>> 3);
    int to = byteLength();
    if ((bitPosition & 7) != 0) {
      buf[from] &= (byte) (0xFF00 >>> (bitPosition & 7));
      from++;
    }
    if (to > from) {
      Arrays.fill(buf, from, to, (byte) 0);
    }
    bitPos = bitPosition;
  }

  private void grow(int minLength) {
    // Geometric growth keeps appends amortised O(1) and allocation-free in steady state.
    buf = Arrays.copyOf(buf, Math.max(minLength, buf.length + (buf.length >> 1)));
  }
}
