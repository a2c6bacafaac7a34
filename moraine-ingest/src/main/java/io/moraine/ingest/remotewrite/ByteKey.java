package io.moraine.ingest.remotewrite;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A byte range as a hash-map key. Stored keys own a copy ({@link #copy}); a decoder reuses one
 * mutable probe ({@link #set}) for lookups, so a hit allocates nothing. A probe must never be
 * stored in a map. Not thread-safe while being set; stored keys are immutable.
 */
final class ByteKey {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;

  private byte[] bytes;
  private int offset;
  private int length;
  private int hash;

  ByteKey() {
    this.bytes = new byte[0];
  }

  private ByteKey(byte[] bytes, int hash) {
    this.bytes = bytes;
    this.length = bytes.length;
    this.hash = hash;
  }

  /** Points this probe at {@code b[off, off + len)}; returns this. */
  ByteKey set(byte[] b, int off, int len) {
    this.bytes = b;
    this.offset = off;
    this.length = len;
    this.hash = hash(b, off, len);
    return this;
  }

  /** An immutable key with a copy of this one's bytes. */
  ByteKey copy() {
    return new ByteKey(Arrays.copyOfRange(bytes, offset, offset + length), hash);
  }

  byte[] array() {
    return bytes;
  }

  int offset() {
    return offset;
  }

  int length() {
    return length;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ByteKey k
        && k.length == length
        && k.hash == hash
        && Arrays.equals(bytes, offset, offset + length, k.bytes, k.offset, k.offset + length);
  }

  /**
   * A 32-bit hash eight bytes at a time (label bytes run to hundreds per series, so a byte-wise
   * hash would cost as much as the rest of a lookup).
   */
  static int hash(byte[] b, int off, int len) {
    long h = len * MULTIPLIER;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h = Long.rotateLeft((h ^ (long) LONG_LE.get(b, i)) * MULTIPLIER, 29);
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (long) (b[i] & 0xFF) << shift;
    }
    h = (h ^ tail) * MULTIPLIER;
    h ^= h >>> 32;
    return (int) (h ^ (h >>> 16));
  }
}
