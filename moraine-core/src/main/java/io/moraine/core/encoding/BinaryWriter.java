package io.moraine.core.encoding;

import io.moraine.core.labels.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A growable byte sink with the primitives of Moraine's small snapshot formats: unsigned varints,
 * bytes, big-endian 64-bit words, varint-length-prefixed UTF-8 strings and label sets. Read them
 * back with {@link BinaryReader}. Not thread-safe.
 */
public final class BinaryWriter extends ByteArrayOutputStream {
  private final byte[] scratch = new byte[10];

  public BinaryWriter uvarint(long v) {
    write(scratch, 0, Varint.putUvarint(scratch, 0, v));
    return this;
  }

  public BinaryWriter u8(int v) {
    write(v);
    return this;
  }

  /** Eight bytes, big-endian (as {@link java.nio.ByteBuffer#getLong} reads them). */
  public BinaryWriter u64(long v) {
    for (int i = 7; i >= 0; i--) {
      write((int) (v >>> (8 * i)));
    }
    return this;
  }

  /** The UTF-8 bytes of {@code s} after their length as a uvarint. */
  public BinaryWriter str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    uvarint(b.length);
    write(b, 0, b.length);
    return this;
  }

  /** The number of labels, then each name and value as {@link #str}. */
  public BinaryWriter labels(Labels l) {
    uvarint(l.size());
    for (int i = 0; i < l.size(); i++) {
      str(l.name(i)).str(l.value(i));
    }
    return this;
  }
}
