package io.moraine.tsdb.record;

import java.nio.ByteBuffer;

/**
 * The registry of record types: the first byte of every WAL record. A released number is never
 * reused; see {@code docs/format/wal.md}.
 *
 * <table>
 *   <caption>record types</caption>
 *   <tr><th>byte</th><th>name</th><th>summary</th></tr>
 *   <tr><td>0</td><td>-</td><td>reserved, never valid (catches zero fill)</td></tr>
 *   <tr><td>1</td><td>{@link #SERIES}</td><td>new series: ref and labels</td></tr>
 *   <tr><td>2</td><td>{@link #SAMPLES}</td><td>float samples: ref, t, v</td></tr>
 *   <tr><td>3</td><td>{@link #TOMBSTONES}</td><td>reserved for deletions, not written yet</td></tr>
 * </table>
 */
public final class RecordType {
  public static final byte SERIES = 1;
  public static final byte SAMPLES = 2;
  public static final byte TOMBSTONES = 3;

  private RecordType() {}

  /** The type of the record that is the buffer's remaining bytes; the position is unchanged. */
  public static byte of(ByteBuffer record) {
    if (!record.hasRemaining()) {
      throw new MalformedRecordException("empty record");
    }
    return record.get(record.position());
  }

  /** A name for logs and errors, {@code unknown(n)} for numbers not in the table. */
  public static String name(byte type) {
    return switch (type) {
      case SERIES -> "SERIES";
      case SAMPLES -> "SAMPLES";
      case TOMBSTONES -> "TOMBSTONES";
      default -> "unknown(" + (type & 0xFF) + ")";
    };
  }
}
