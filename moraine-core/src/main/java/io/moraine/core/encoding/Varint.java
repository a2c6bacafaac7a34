package io.moraine.core.encoding;

import java.nio.ByteBuffer;

/** Unsigned LEB128 varints and zig-zag signed varints, as protobuf and Prometheus use them. */
public final class Varint {
  private Varint() {}

  /** Writes {@code v} as an unsigned varint at {@code pos}; returns the position after it. */
  public static int putUvarint(byte[] buf, int pos, long v) {
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
    return pos;
  }

  public static int putVarint(byte[] buf, int pos, long v) {
    return putUvarint(buf, pos, zigzag(v));
  }

  public static void putUvarint(ByteBuffer buf, long v) {
    while ((v & ~0x7FL) != 0) {
      buf.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    buf.put((byte) v);
  }

  public static void putVarint(ByteBuffer buf, long v) {
    putUvarint(buf, zigzag(v));
  }

  /**
   * Reads an unsigned varint.
   *
   * @throws IllegalArgumentException when it runs past the buffer or over 10 bytes
   */
  public static long getUvarint(ByteBuffer buf) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!buf.hasRemaining()) {
        throw new IllegalArgumentException("truncated varint");
      }
      byte b = buf.get();
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  public static long getVarint(ByteBuffer buf) {
    return unzigzag(getUvarint(buf));
  }

  /** Size in bytes of {@code v} as an unsigned varint. */
  public static int uvarintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }

  public static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  public static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
