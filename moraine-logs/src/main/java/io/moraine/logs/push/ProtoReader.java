package io.moraine.logs.push;

import java.nio.charset.StandardCharsets;

/**
 * A minimal protobuf wire-format reader over a byte range: tags, varints, fixed64/32 and
 * length-delimited fields, with unknown fields skipped. Bounds are checked; malformed input throws
 * an {@link InvalidPushException} naming the byte offset. Not thread-safe.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int limit;

  ProtoReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  boolean hasMore() {
    return pos < limit;
  }

  int pos() {
    return pos;
  }

  /** The array being read. */
  byte[] buffer() {
    return buf;
  }

  /** Reads a field tag; the field number is {@code tag >>> 3}, the wire type {@code tag & 7}. */
  int readTag() {
    long tag = readVarint();
    if ((tag >>> 3) == 0 || tag > Integer.MAX_VALUE) {
      throw new InvalidPushException("invalid field tag " + tag + " at byte " + pos);
    }
    return (int) tag;
  }

  long readVarint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw new InvalidPushException("truncated varint at byte " + pos);
      }
      byte b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new InvalidPushException("varint longer than 10 bytes at byte " + pos);
  }

  long readFixed64() {
    need(8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xFFL);
    }
    pos += 8;
    return v;
  }

  int readFixed32() {
    need(4);
    int v =
        (buf[pos] & 0xFF)
            | (buf[pos + 1] & 0xFF) << 8
            | (buf[pos + 2] & 0xFF) << 16
            | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  /**
   * Reads the length of a length-delimited field and leaves the position at its first byte; the
   * caller reads the bytes from {@link #pos()} and then calls {@link #skip(int)} with the length.
   */
  int readLength() {
    long n = readVarint();
    if (n < 0 || n > limit - pos) {
      throw new InvalidPushException(
          "length " + n + " at byte " + pos + " runs past the end of its message");
    }
    return (int) n;
  }

  /** Reads a length-delimited field's length; returns the offset where it ends. */
  int readEnd() {
    int n = readLength();
    return pos + n;
  }

  /** A length-delimited field as a reader of its own. */
  ProtoReader readMessage() {
    int n = readLength();
    ProtoReader r = new ProtoReader(buf, pos, n);
    pos += n;
    return r;
  }

  /** A length-delimited field as a UTF-8 string. */
  String readString() {
    int n = readLength();
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** Moves on {@code n} bytes. */
  void skip(int n) {
    need(n);
    pos += n;
  }

  /** Skips a field's value of the given wire type. */
  void skipField(int tag) {
    switch (tag & 7) {
      case VARINT -> readVarint();
      case FIXED64 -> skip(8);
      case LEN -> skip(readLength());
      case FIXED32 -> skip(4);
      default ->
          throw new InvalidPushException(
              "unsupported wire type "
                  + (tag & 7)
                  + " of field "
                  + (tag >>> 3)
                  + " at byte "
                  + pos);
    }
  }

  /** Checks that field {@code tag} has the wire type expected for it. */
  static void expect(int tag, int wireType, String field) {
    if ((tag & 7) != wireType) {
      throw new InvalidPushException(
          field + " (field " + (tag >>> 3) + ") has wire type " + (tag & 7) + ", want " + wireType);
    }
  }

  private void need(int n) {
    if (n > limit - pos) {
      throw new InvalidPushException("message truncated at byte " + pos);
    }
  }
}
