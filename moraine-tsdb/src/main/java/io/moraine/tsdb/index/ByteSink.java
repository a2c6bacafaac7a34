package io.moraine.tsdb.index;

import io.moraine.core.encoding.Varint;
import java.util.Arrays;

/** A growable byte array for encoding; not thread-safe. */
final class ByteSink {
  private byte[] buf;
  private int len;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  void reset() {
    len = 0;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  void putUvarint(long v) {
    ensure(10);
    len = Varint.putUvarint(buf, len, v);
  }

  void putVarint(long v) {
    ensure(10);
    len = Varint.putVarint(buf, len, v);
  }

  void putBytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  void putInt(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
