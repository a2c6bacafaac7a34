package io.moraine.ingest.push;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.ChecksummedFile;
import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the push groups file ({@code docs/format/push-groups.md}): a {@link
 * ChecksummedFile} whose body is a counted list of groups. Stateless.
 */
final class GroupFile {
  static final int MAGIC = 0x4D505348; // "MPSH"
  static final int VERSION = 1;
  private static final String FORMAT = "push groups";

  private GroupFile() {}

  /** Writes {@code groups} to {@code file} atomically (temporary file, fsync, rename). */
  static void write(Path file, Collection<PushGroup> groups) throws IOException {
    BinaryWriter out = new BinaryWriter();
    out.uvarint(groups.size());
    for (PushGroup g : groups) {
      out.uvarint(g.key().labels().size());
      g.key().labels().forEach((n, v) -> out.str(n).str(v));
      out.u64(g.pushTimeMillis());
      out.u64(g.failureTimeMillis());
      out.uvarint(g.families().size());
      for (MetricFamily f : g.families().values()) {
        out.str(f.name()).u8(f.type().number());
        out.str(f.help()).uvarint(f.samples().size());
        for (PushedSample s : f.samples()) {
          out.labels(s.labels());
          out.u64(Double.doubleToRawLongBits(s.value()));
        }
      }
    }
    ChecksummedFile.write(file, MAGIC, VERSION, out.toByteArray());
  }

  /**
   * The groups in {@code file}; empty when it does not exist.
   *
   * @throws CorruptionException when the file fails a check
   */
  static List<PushGroup> read(Path file) throws IOException {
    ByteBuffer buf = ChecksummedFile.read(file, MAGIC, VERSION, FORMAT);
    if (buf == null) {
      return List.of();
    }
    try {
      List<PushGroup> groups = new ArrayList<>();
      for (int n = BinaryReader.count(buf); n > 0; n--) {
        groups.add(group(buf));
      }
      if (buf.hasRemaining()) {
        throw new CorruptionException(file, buf.position(), "trailing bytes after the groups");
      }
      return groups;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptionException(file, buf.position(), "malformed group: " + e);
    }
  }

  private static PushGroup group(ByteBuffer buf) {
    TreeMap<String, String> key = new TreeMap<>();
    for (int k = BinaryReader.count(buf); k > 0; k--) {
      key.put(BinaryReader.str(buf), BinaryReader.str(buf));
    }
    long pushed = buf.getLong();
    long failed = buf.getLong();
    Map<String, MetricFamily> families = new TreeMap<>();
    for (int f = BinaryReader.count(buf); f > 0; f--) {
      String name = BinaryReader.str(buf);
      FamilyType type = FamilyType.ofNumber(buf.get() & 0xFF);
      String help = BinaryReader.str(buf);
      List<PushedSample> samples = new ArrayList<>();
      for (int s = BinaryReader.count(buf); s > 0; s--) {
        samples.add(
            new PushedSample(BinaryReader.labels(buf), Double.longBitsToDouble(buf.getLong())));
      }
      families.put(name, new MetricFamily(name, type, help, samples));
    }
    return new PushGroup(new GroupingKey(key), families, pushed, failed);
  }
}
