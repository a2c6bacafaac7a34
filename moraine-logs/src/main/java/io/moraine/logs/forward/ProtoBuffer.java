package io.moraine.logs.forward;

import io.moraine.core.encoding.Varint;
import java.util.Arrays;

/**
 * A growable byte buffer that writes protobuf wire format. Not thread-safe; reused across batches
 * by the one sender thread.
 */
final class ProtoBuffer {
  static final int VARINT = 0;
  static final int LEN = 2;

  private byte[] bytes = new byte[64 << 10];
  private int size;

  void reset() {
    size = 0;
  }

  byte[] array() {
    return bytes;
  }

  int size() {
    return size;
  }

  void tag(int field, int wireType) {
    varint((long) field << 3 | wireType);
  }

  void varint(long v) {
    ensure(10);
    size = Varint.putUvarint(bytes, size, v);
  }

  void write(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  /** Writes {@code s} as UTF-8 (an unpaired surrogate as {@code ?}, as String.getBytes does). */
  void utf8(String s) {
    ensure(s.length() * 3);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xC0 | c >> 6);
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        bytes[size++] = (byte) (0xF0 | cp >> 18);
        bytes[size++] = (byte) (0x80 | (cp >> 12 & 0x3F));
        bytes[size++] = (byte) (0x80 | (cp >> 6 & 0x3F));
        bytes[size++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        bytes[size++] = '?';
      } else {
        bytes[size++] = (byte) (0xE0 | c >> 12);
        bytes[size++] = (byte) (0x80 | (c >> 6 & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  /** The length {@link #utf8} writes for {@code s}. */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The size of a length-delimited field with a one-byte tag and {@code length} bytes. */
  static int lenFieldSize(int length) {
    return 1 + Varint.uvarintSize(length) + length;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
