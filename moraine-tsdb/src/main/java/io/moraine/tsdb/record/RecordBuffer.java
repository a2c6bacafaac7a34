package io.moraine.tsdb.record;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array that encoders write one record into; reuse it across records with {@link
 * #clear()}. Not thread-safe.
 */
public final class RecordBuffer {
  /** Why 4 KiB: a SERIES record of a few series fits; SAMPLES records grow it once, then reuse. */
  private static final int INITIAL_BYTES = 4096;

  private byte[] bytes;
  private int size;

  public RecordBuffer() {
    this(INITIAL_BYTES);
  }

  public RecordBuffer(int initialCapacity) {
    this.bytes = new byte[Math.max(16, initialCapacity)];
  }

  public void clear() {
    size = 0;
  }

  /** Number of bytes of the record written so far. */
  public int size() {
    return size;
  }

  /** The backing array; bytes {@code [0, size())} are the record. Valid until the next write. */
  public byte[] array() {
    return bytes;
  }

  /** A view of the record ({@code position 0, limit size()}), sharing the backing array. */
  public ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(bytes, 0, size);
  }

  /** A copy of the record. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Makes room for {@code more} bytes after {@link #size()}, growing geometrically. */
  byte[] ensure(int more) {
    long need = (long) size + more;
    if (need > bytes.length) {
      if (need > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("record too large: " + need + " bytes");
      }
      bytes = Arrays.copyOf(bytes, (int) Math.max(need, Math.min(2L * bytes.length, 1L << 30)));
    }
    return bytes;
  }

  void size(int newSize) {
    this.size = newSize;
  }
}
