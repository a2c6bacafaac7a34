package io.moraine.tsdb.wal;

import io.moraine.core.encoding.Crc32c;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** One caller's records with their checksums, computed before taking any lock. */
final class Batch {
  final ByteBuffer[] records;
  final int[] crcs;
  final long frameBytes;
  // written under lock by the group's writer
  boolean done;
  @Nullable Exception error;

  private Batch(ByteBuffer[] records, int[] crcs, long frameBytes) {
    this.records = records;
    this.crcs = crcs;
    this.frameBytes = frameBytes;
  }

  static Batch of(ByteBuffer[] records, int maxRecordBytes) {
    ByteBuffer[] rs = new ByteBuffer[records.length];
    int[] crcs = new int[records.length];
    long total = 0;
    for (int i = 0; i < records.length; i++) {
      ByteBuffer r = records[i].duplicate();
      int len = r.remaining();
      if (len == 0 || len > maxRecordBytes) {
        throw new IllegalArgumentException(
            "record " + i + " has " + len + " bytes; allowed 1 to " + maxRecordBytes);
      }
      if (r.get(r.position()) == 0) {
        throw new IllegalArgumentException("record " + i + " has the reserved type 0");
      }
      rs[i] = r;
      crcs[i] = Crc32c.of(r);
      total += Segments.FRAME_HEADER_BYTES + len;
    }
    return new Batch(rs, crcs, total);
  }
}
