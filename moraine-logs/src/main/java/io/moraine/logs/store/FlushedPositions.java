package io.moraine.logs.store;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.ChecksummedFile;
import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import io.moraine.logs.wal.LogWal;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per stream, the WAL position of the last entry already written to a segment file, so that replay
 * does not add it to the head again while its WAL segment is kept for other streams. Saved as the
 * {@code flushed} file ({@code docs/format/logs-wal.md}). Not thread-safe: the flusher owns it.
 */
final class FlushedPositions {
  /** "MLFP". */
  private static final int MAGIC = 0x4D4C4650;

  private static final int VERSION = 1;

  private final Path file;
  private final Map<String, Map<Labels, long[]>> positions = new HashMap<>();

  private FlushedPositions(Path file) {
    this.file = file;
  }

  static FlushedPositions load(Path file) throws IOException {
    FlushedPositions p = new FlushedPositions(file);
    ByteBuffer body = ChecksummedFile.read(file, MAGIC, VERSION, "logs flushed positions");
    if (body == null) {
      return p;
    }
    try {
      for (int n = BinaryReader.count(body); n > 0; n--) {
        String tenant = BinaryReader.str(body);
        Labels labels = BinaryReader.labels(body);
        p.positions
            .computeIfAbsent(tenant, t -> new HashMap<>())
            .put(labels, new long[] {Varint.getUvarint(body), Varint.getUvarint(body)});
      }
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw new CorruptionException(file, body.position(), "does not decode: " + e.getMessage());
    }
    return p;
  }

  /**
   * The stream's last flushed entry as {WAL record position, index among the stream's entries in
   * that record}, or null.
   */
  long @Nullable [] get(String tenant, Labels labels) {
    Map<Labels, long[]> m = positions.get(tenant);
    return m == null ? null : m.get(labels);
  }

  void put(String tenant, Labels labels, long position, int index) {
    long[] old = get(tenant, labels);
    if (old == null || position > old[0] || (position == old[0] && index > old[1])) {
      positions
          .computeIfAbsent(tenant, t -> new HashMap<>())
          .put(labels, new long[] {position, index});
    }
  }

  /** Forgets positions in WAL segments below {@code firstSegment} and saves the file. */
  void save(int firstSegment) throws IOException {
    BinaryWriter w = new BinaryWriter();
    int count = 0;
    BinaryWriter entries = new BinaryWriter();
    for (Map.Entry<String, Map<Labels, long[]>> t : positions.entrySet()) {
      t.getValue().values().removeIf(pos -> LogWal.segmentOf(pos[0]) < firstSegment);
      for (Map.Entry<Labels, long[]> e : t.getValue().entrySet()) {
        entries
            .str(t.getKey())
            .labels(e.getKey())
            .uvarint(e.getValue()[0])
            .uvarint(e.getValue()[1]);
        count++;
      }
    }
    w.uvarint(count);
    entries.writeTo(w);
    ChecksummedFile.write(file, MAGIC, VERSION, w.toByteArray());
  }
}
