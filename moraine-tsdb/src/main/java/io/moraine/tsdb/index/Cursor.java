package io.moraine.tsdb.index;

import io.moraine.core.encoding.CorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A bounds-checked reading position in one section of a mapped index file. Every decoding error
 * becomes a {@link CorruptionException} naming the file, the offset and the section. Not
 * thread-safe; cheap to create per call.
 */
final class Cursor {
  private static final ValueLayout.OfInt BE_INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfLong BE_LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final Path file;
  private final String section;
  private final MemorySegment seg;
  private final long start;
  private final long end;
  private long pos;

  /** A cursor over {@code [start, end)} of {@code seg}, positioned at {@code start}. */
  Cursor(Path file, String section, MemorySegment seg, long start, long end) {
    this.file = file;
    this.section = section;
    this.seg = seg;
    this.start = start;
    this.pos = start;
    this.end = end;
  }

  /** The big-endian u32 at {@code offset}, which the caller has bounds-checked. */
  static long u32At(MemorySegment seg, long offset) {
    return Integer.toUnsignedLong(seg.get(BE_INT, offset));
  }

  long position() {
    return pos;
  }

  void position(long p) {
    if (p < start || p > end) {
      throw corrupt("offset " + p + " outside the section");
    }
    pos = p;
  }

  boolean hasRemaining() {
    return pos < end;
  }

  long remaining() {
    return end - pos;
  }

  CorruptionException corrupt(String reason) {
    return new CorruptionException(file, pos, section + " section: " + reason);
  }

  byte get() {
    if (pos >= end) {
      throw corrupt("truncated");
    }
    return seg.get(ValueLayout.JAVA_BYTE, pos++);
  }

  int getInt() {
    if (end - pos < 4) {
      throw corrupt("truncated");
    }
    int v = seg.get(BE_INT, pos);
    pos += 4;
    return v;
  }

  long getLong() {
    if (end - pos < 8) {
      throw corrupt("truncated");
    }
    long v = seg.get(BE_LONG, pos);
    pos += 8;
    return v;
  }

  void getBytes(byte[] dst, int off, int n) {
    if (end - pos < n) {
      throw corrupt("truncated");
    }
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, dst, off, n);
    pos += n;
  }

  long uvarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = get();
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw corrupt("varint longer than 10 bytes");
  }

  long varint() {
    long v = uvarint();
    return (v >>> 1) ^ -(v & 1);
  }

  /** An unsigned varint that must lie in {@code [0, limit)}. */
  int uvarintBelow(long limit, String what) {
    long v = uvarint();
    if (v < 0 || v >= limit) {
      throw corrupt(what + " " + v + " out of range [0, " + limit + ")");
    }
    return (int) v;
  }
}
