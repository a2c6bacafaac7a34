package io.moraine.agent.logtail;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.ChecksummedFile;
import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Varint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the {@code positions} and {@code spool/<seq>.batch} files of {@code
 * docs/format/agent-positions.md}. Stateless.
 */
final class StateFiles {
  static final int POSITIONS_MAGIC = 0x4D4C5053; // "MLPS"
  static final int BATCH_MAGIC = 0x4D4C5342; // "MLSB"
  static final int VERSION = 1;

  /** The acknowledged state: the last acknowledged sequence number and the positions. */
  record Acked(long seq, Map<String, Position> positions) {}

  private StateFiles() {}

  static void writePositions(Path file, Acked acked) throws IOException {
    BinaryWriter w = new BinaryWriter();
    w.u64(acked.seq());
    positions(w, acked.positions());
    ChecksummedFile.write(file, POSITIONS_MAGIC, VERSION, w.toByteArray());
  }

  /** The saved state, or null when there is no positions file (the very first run). */
  static @Nullable Acked readPositions(Path file) throws IOException {
    ByteBuffer b = ChecksummedFile.read(file, POSITIONS_MAGIC, VERSION, "log positions");
    if (b == null) {
      return null;
    }
    try {
      long seq = b.getLong();
      Map<String, Position> p = positions(b);
      end(file, b);
      return new Acked(seq, p);
    } catch (CorruptionException c) {
      throw c;
    } catch (RuntimeException e) {
      throw new CorruptionException(file, b.position(), "malformed log positions: " + e);
    }
  }

  static void writeBatch(Path file, SpooledBatch batch) throws IOException {
    BinaryWriter w = new BinaryWriter();
    w.u64(batch.seq()).uvarint(batch.entries()).u64(batch.lineBytes());
    positions(w, batch.positions());
    w.uvarint(batch.body().length);
    w.writeBytes(batch.body());
    ChecksummedFile.write(file, BATCH_MAGIC, VERSION, w.toByteArray());
  }

  static SpooledBatch readBatch(Path file) throws IOException {
    ByteBuffer b = ChecksummedFile.read(file, BATCH_MAGIC, VERSION, "log spool batch");
    if (b == null) {
      throw new CorruptionException(file, 0, "spool batch vanished");
    }
    try {
      long seq = b.getLong();
      int entries = (int) Varint.getUvarint(b);
      long lineBytes = b.getLong();
      Map<String, Position> p = positions(b);
      byte[] body = new byte[BinaryReader.count(b)];
      b.get(body);
      end(file, b);
      return new SpooledBatch(seq, entries, lineBytes, p, body);
    } catch (CorruptionException c) {
      throw c;
    } catch (RuntimeException e) {
      throw new CorruptionException(file, b.position(), "malformed spool batch: " + e);
    }
  }

  private static void positions(BinaryWriter w, Map<String, Position> positions) {
    w.uvarint(positions.size());
    for (Map.Entry<String, Position> e : positions.entrySet()) {
      w.str(e.getKey()).u64(e.getValue().inode()).u64(e.getValue().offset());
    }
  }

  private static Map<String, Position> positions(ByteBuffer b) {
    int n = BinaryReader.count(b);
    Map<String, Position> p = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String path = BinaryReader.str(b);
      p.put(path, new Position(b.getLong(), b.getLong()));
    }
    return p;
  }

  private static void end(Path file, ByteBuffer b) {
    if (b.hasRemaining()) {
      throw new CorruptionException(file, b.position(), b.remaining() + " trailing bytes");
    }
  }
}
