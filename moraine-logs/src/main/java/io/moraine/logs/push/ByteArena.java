package io.moraine.logs.push;

import java.util.Arrays;

/**
 * A growing byte buffer that decoders copy lines into, so that a batch holds one array instead of
 * one per line. Offsets stay valid as it grows. Not thread-safe.
 */
final class ByteArena {
  private byte[] buf;
  private int size;

  ByteArena(int capacity) {
    buf = new byte[Math.max(capacity, 64)];
  }

  int size() {
    return size;
  }

  /** Copies {@code src[off, off + len)} in; returns the offset it starts at. */
  int append(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, buf, size, len);
    int start = size;
    size += len;
    return start;
  }

  /** Encodes {@code chars[off, off + len)} as UTF-8 (unpaired surrogates as U+FFFD). */
  int appendUtf8(char[] chars, int off, int len) {
    ensure(len * 3);
    int start = size;
    byte[] b = buf;
    int p = size;
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        char d = Character.isSurrogate(c) ? '\uFFFD' : c;
        b[p++] = (byte) (0xE0 | (d >> 12));
        b[p++] = (byte) (0x80 | ((d >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (d & 0x3F));
      }
    }
    size = p;
    return start;
  }

  /** The array holding the bytes; valid until the next append. */
  byte[] array() {
    return buf;
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }
}
