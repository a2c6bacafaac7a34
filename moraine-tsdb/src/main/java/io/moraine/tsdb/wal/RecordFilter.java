package io.moraine.tsdb.wal;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a checkpoint keeps of each record it reads: the head keeps only series still alive
 * and samples newer than the truncation time. Called from the thread running {@link
 * Checkpoint#create}, one record at a time.
 */
@FunctionalInterface
public interface RecordFilter {
  /**
   * @param type the record's first byte
   * @param record the whole record (type byte first) as the buffer's remaining bytes; owned by the
   *     reader and valid only during this call
   * @return the record to write (the same buffer to keep it, or another holding a replacement, type
   *     byte first, remaining bytes; it is copied before the next call), or null to drop it
   */
  @Nullable ByteBuffer apply(byte type, ByteBuffer record);
}
