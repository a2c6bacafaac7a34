package io.moraine.bench.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that one log line is written into, ASCII-first: numbers are written as
 * digits without going through strings. Reused for every line; not thread-safe.
 */
final class LineBuffer {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf = new byte[1 << 16];
  private int len;

  void reset() {
    len = 0;
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  /** Cuts the line back to {@code length} bytes (undoes what was written after it). */
  void truncate(int length) {
    len = length;
  }

  LineBuffer ch(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  LineBuffer bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  /** Appends an ASCII string (every char below 128). */
  LineBuffer ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  LineBuffer num(long v) {
    if (v < 0) {
      ch('-');
      v = -v;
    }
    ensure(20);
    if (v == 0) {
      buf[len++] = '0';
      return this;
    }
    int start = len;
    while (v > 0) {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    }
    reverse(start, len - 1);
    return this;
  }

  /** {@code v} with exactly {@code width} digits, zero-padded ({@code v} must fit). */
  LineBuffer padded(long v, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += width;
    return this;
  }

  /** {@code thousandths / 1000} with three decimals, as 12.345. */
  LineBuffer millis3(long thousandths) {
    num(thousandths / 1000).ch('.');
    return padded(thousandths % 1000, 3);
  }

  /** The low {@code digits} hex digits of {@code v}. */
  LineBuffer hex(long v, int digits) {
    ensure(digits);
    for (int i = digits - 1; i >= 0; i--) {
      buf[len + i] = HEX[(int) (v & 15)];
      v >>>= 4;
    }
    len += digits;
    return this;
  }

  /** Whether the bytes written so far contain {@code needle}. */
  boolean contains(byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= len; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buf[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  private void reverse(int i, int j) {
    while (i < j) {
      byte t = buf[i];
      buf[i++] = buf[j];
      buf[j--] = t;
    }
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
