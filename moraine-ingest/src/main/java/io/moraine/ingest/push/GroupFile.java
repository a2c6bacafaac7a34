package io.moraine.ingest.push;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes the push groups file ({@code docs/format/push-groups.md}). Stateless. */
final class GroupFile {
  static final int MAGIC = 0x4D505348; // "MPSH"
  static final int VERSION = 1;
  private static final String FORMAT = "push groups";

  private GroupFile() {}

  /** Writes {@code groups} to {@code file} atomically (temporary file, fsync, rename). */
  static void write(Path file, Collection<PushGroup> groups) throws IOException {
    Out out = new Out();
    ByteBuffer header = ByteBuffer.allocate(FormatHeader.SIZE);
    FormatHeader.write(header, MAGIC, VERSION);
    out.write(header.array(), 0, FormatHeader.SIZE);
    out.uvarint(groups.size());
    for (PushGroup g : groups) {
      out.uvarint(g.key().labels().size());
      g.key().labels().forEach((n, v) -> out.str(n).str(v));
      out.u64(g.pushTimeMillis());
      out.u64(g.failureTimeMillis());
      out.uvarint(g.families().size());
      for (MetricFamily f : g.families().values()) {
        out.str(f.name()).write(f.type().number());
        out.str(f.help()).uvarint(f.samples().size());
        for (PushedSample s : f.samples()) {
          out.uvarint(s.labels().size());
          for (int i = 0; i < s.labels().size(); i++) {
            out.str(s.labels().name(i)).str(s.labels().value(i));
          }
          out.u64(Double.doubleToRawLongBits(s.value()));
        }
      }
    }
    byte[] body = out.toByteArray();
    ByteBuffer all = ByteBuffer.allocate(body.length + 4).put(body);
    all.putInt(Crc32c.of(body, 0, body.length)).flip();
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (all.hasRemaining()) {
        ch.write(all);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The groups in {@code file}; empty when it does not exist.
   *
   * @throws CorruptionException when the file fails a check
   */
  static List<PushGroup> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    FormatHeader.read(buf, file, MAGIC, VERSION, FORMAT);
    if (bytes.length < FormatHeader.SIZE + 4) {
      throw new CorruptionException(file, bytes.length, "truncated: no checksum");
    }
    int crcAt = bytes.length - 4;
    int want = ByteBuffer.wrap(bytes, crcAt, 4).getInt();
    if (Crc32c.of(bytes, 0, crcAt) != want) {
      throw new CorruptionException(file, crcAt, "checksum mismatch");
    }
    buf.limit(crcAt);
    try {
      List<PushGroup> groups = new ArrayList<>();
      for (long n = Varint.getUvarint(buf); n > 0; n--) {
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
    for (long k = Varint.getUvarint(buf); k > 0; k--) {
      key.put(str(buf), str(buf));
    }
    long pushed = buf.getLong();
    long failed = buf.getLong();
    Map<String, MetricFamily> families = new TreeMap<>();
    for (long f = Varint.getUvarint(buf); f > 0; f--) {
      String name = str(buf);
      FamilyType type = FamilyType.ofNumber(buf.get() & 0xFF);
      String help = str(buf);
      List<PushedSample> samples = new ArrayList<>();
      for (long s = Varint.getUvarint(buf); s > 0; s--) {
        Labels.Builder b = Labels.builder();
        for (long m = Varint.getUvarint(buf); m > 0; m--) {
          b.add(str(buf), str(buf));
        }
        samples.add(new PushedSample(b.build(), Double.longBitsToDouble(buf.getLong())));
      }
      families.put(name, new MetricFamily(name, type, help, samples));
    }
    return new PushGroup(new GroupingKey(key), families, pushed, failed);
  }

  private static String str(ByteBuffer buf) {
    long n = Varint.getUvarint(buf);
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException("string length " + n + " beyond the file");
    }
    String s = new String(buf.array(), buf.position(), (int) n, StandardCharsets.UTF_8);
    buf.position(buf.position() + (int) n);
    return s;
  }

  /** A byte sink with the format's primitives. */
  private static final class Out extends ByteArrayOutputStream {
    private final byte[] scratch = new byte[10];

    Out uvarint(long v) {
      write(scratch, 0, Varint.putUvarint(scratch, 0, v));
      return this;
    }

    Out u64(long v) {
      for (int i = 7; i >= 0; i--) {
        write((int) (v >>> (8 * i)));
      }
      return this;
    }

    Out str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      uvarint(b.length);
      write(b, 0, b.length);
      return this;
    }
  }
}
