package io.moraine.ingest.proto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A cursor over protobuf wire-format bytes. Not thread-safe; one per decoding. The array is
 * borrowed, never copied or changed.
 *
 * <p>Use: {@link #next()} until it returns false, then {@link #field()} and {@link #wireType()}
 * tell what follows; read it with the matching method ({@link #varint()}, {@link #fixed64()},
 * {@link #length()}, ...) or {@link #skip()} it. A nested message is entered with {@link #enter()},
 * which narrows the limit to the message and returns the outer limit, and left with {@link
 * #exit(int)}. Every read checks the limit and throws {@link WireFormatException} on malformed or
 * truncated input; nothing is allocated except on error.
 */
public final class WireReader {
  /** Wire type of varint fields (int32, int64, uint64, bool, enum, sint*). */
  public static final int VARINT = 0;

  /** Wire type of 8-byte little-endian fields (double, fixed64, sfixed64). */
  public static final int FIXED64 = 1;

  /** Wire type of length-delimited fields (string, bytes, messages, packed repeated). */
  public static final int LENGTH_DELIMITED = 2;

  /** Wire types of proto2 groups, which a reader may only skip. */
  public static final int START_GROUP = 3;

  public static final int END_GROUP = 4;

  /** Wire type of 4-byte little-endian fields (float, fixed32, sfixed32). */
  public static final int FIXED32 = 5;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** protobuf's own recursion limit; bounds the stack a hostile input can make us use. */
  private static final int MAX_GROUP_DEPTH = 100;

  private final byte[] buf;
  private int pos;
  private int limit;
  private int tag;

  /** A reader of {@code buf[offset, offset + length)}. */
  public WireReader(byte[] buf, int offset, int length) {
    this.buf = Objects.requireNonNull(buf, "buf");
    Objects.checkFromIndexSize(offset, length, buf.length);
    this.pos = offset;
    this.limit = offset + length;
  }

  /** The array being read. */
  public byte[] array() {
    return buf;
  }

  /** The offset of the next byte to read. */
  public int position() {
    return pos;
  }

  /** The end of the current message (exclusive). */
  public int limit() {
    return limit;
  }

  /**
   * Reads the next field's tag. Returns false at the end of the current message.
   *
   * @throws WireFormatException on field number 0, an illegal wire type or a bad varint
   */
  public boolean next() {
    if (pos >= limit) {
      return false;
    }
    int start = pos;
    long t = varint();
    int wire = (int) t & 7;
    if (t >>> 3 == 0 || t >>> 3 > 0x1FFF_FFFF) {
      throw new WireFormatException(
          "illegal tag " + (t >>> 3) + " (wire type " + wire + ")", start);
    }
    if (wire > FIXED32) {
      throw new WireFormatException("illegal wire type " + wire + " for field " + (t >>> 3), start);
    }
    tag = (int) t;
    return true;
  }

  /** The field number of the tag read by {@link #next()}. */
  public int field() {
    return tag >>> 3;
  }

  /** The wire type of the tag read by {@link #next()}. */
  public int wireType() {
    return tag & 7;
  }

  /**
   * Checks that the current field has the wire type its schema declares.
   *
   * @param name the field's name in the schema, for the message
   */
  public void expect(int wireType, String name) {
    if (wireType() != wireType) {
      throw new WireFormatException(
          "wrong wire type " + wireType() + " for field " + name + " (want " + wireType + ")", pos);
    }
  }

  /** Reads a varint of up to 64 bits (10 bytes at most). */
  public long varint() {
    int p = pos;
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= limit) {
        throw truncated("a varint", pos);
      }
      byte b = buf[p++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        pos = p;
        return result;
      }
    }
    throw new WireFormatException("varint longer than 10 bytes", pos);
  }

  /** Reads 8 little-endian bytes as a double (wire type {@link #FIXED64}). */
  public double fixed64AsDouble() {
    return Double.longBitsToDouble(fixed64());
  }

  /** Reads 8 little-endian bytes. */
  public long fixed64() {
    if (limit - pos < 8) {
      throw truncated("8 bytes of a fixed64", pos);
    }
    long v = (long) LONG_LE.get(buf, pos);
    pos += 8;
    return v;
  }

  /** Reads 4 little-endian bytes. */
  public int fixed32() {
    if (limit - pos < 4) {
      throw truncated("4 bytes of a fixed32", pos);
    }
    int v = (int) INT_LE.get(buf, pos);
    pos += 4;
    return v;
  }

  /**
   * Reads the length prefix of a length-delimited field and checks that it fits in the current
   * message; the payload starts at {@link #position()} afterwards.
   */
  public int length() {
    int start = pos;
    long n = varint();
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new WireFormatException("negative or too large length " + n, start);
    }
    if (n > limit - pos) {
      throw truncated(n + " bytes of a length-delimited field (" + (limit - pos) + " left)", start);
    }
    return (int) n;
  }

  /**
   * Enters the length-delimited field at the cursor as a nested message: the limit becomes the
   * message's end. Returns the outer limit, to be passed to {@link #exit(int)}.
   */
  public int enter() {
    int n = length();
    int outer = limit;
    limit = pos + n;
    return outer;
  }

  /** Leaves a nested message entered with {@link #enter()}: the cursor moves to its end. */
  public void exit(int outerLimit) {
    pos = limit;
    limit = outerLimit;
  }

  /** Moves the cursor to {@code position}, which must lie within the current message. */
  public void seek(int position) {
    Objects.checkFromToIndex(position, limit, buf.length);
    pos = position;
  }

  /** Skips the value of the current field, whatever its wire type. */
  public void skip() {
    switch (wireType()) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> {
        int n = length(); // before reading pos: length() moves it past the prefix
        pos += n;
      }
      case FIXED32 -> advance(4);
      case START_GROUP -> skipGroup(field(), 1);
      default ->
          throw new WireFormatException(
              "end group without a start group for field " + field(), pos);
    }
  }

  private void skipGroup(int groupField, int depth) {
    if (depth > MAX_GROUP_DEPTH) {
      throw new WireFormatException("groups nested deeper than " + MAX_GROUP_DEPTH, pos);
    }
    int start = pos;
    while (next()) {
      if (wireType() == END_GROUP) {
        if (field() != groupField) {
          throw new WireFormatException("group " + groupField + " ended by " + field(), pos);
        }
        return;
      }
      if (wireType() == START_GROUP) {
        skipGroup(field(), depth + 1);
      } else {
        skip();
      }
    }
    throw truncated("the end of group " + groupField, start);
  }

  private void advance(int n) {
    if (limit - pos < n) {
      throw truncated(n + " bytes", pos);
    }
    pos += n;
  }

  private static WireFormatException truncated(String what, int at) {
    return new WireFormatException("unexpected EOF: truncated input while reading " + what, at);
  }
}
