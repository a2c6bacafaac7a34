package io.moraine.core.encoding;

import io.moraine.core.labels.Labels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinaryWriter} writes from a heap {@link ByteBuffer}. A length or count that
 * points past the buffer fails with {@link IllegalArgumentException}, a short read with {@link
 * java.nio.BufferUnderflowException}; callers turn both into a {@link CorruptionException}.
 */
public final class BinaryReader {
  private BinaryReader() {}

  /** A varint-length-prefixed UTF-8 string. */
  public static String str(ByteBuffer buf) {
    long n = Varint.getUvarint(buf);
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException("string length " + n + " beyond the file");
    }
    String s =
        new String(
            buf.array(), buf.arrayOffset() + buf.position(), (int) n, StandardCharsets.UTF_8);
    buf.position(buf.position() + (int) n);
    return s;
  }

  /** A uvarint count of items that each take at least one byte. */
  public static int count(ByteBuffer buf) {
    long n = Varint.getUvarint(buf);
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException("count " + n + " beyond the file");
    }
    return (int) n;
  }

  /**
   * A label set written by {@link BinaryWriter#labels}; {@link Labels#EMPTY} without allocating.
   */
  public static Labels labels(ByteBuffer buf) {
    int k = count(buf);
    if (k == 0) {
      return Labels.EMPTY;
    }
    Labels.Builder b = Labels.builder();
    for (; k > 0; k--) {
      b.add(str(buf), str(buf));
    }
    return b.build();
  }
}
