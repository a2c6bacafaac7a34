package io.moraine.rules.notify.receiver;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.core.encoding.Varint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Better Stack incident ids by integration and group key, kept in {@code betterstack-incidents}
 * ({@code docs/format/betterstack-incidents.md}). Thread-safe; each change rewrites the file
 * atomically.
 */
final class IncidentFile {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentFile.class);
  static final String NAME = "betterstack-incidents";
  private static final int MAGIC = 0x4D425349; // "MBSI"
  private static final int VERSION = 1;

  private final Path file;
  private final TreeMap<String, String> ids = new TreeMap<>();

  IncidentFile(Path dir) {
    this.file = dir.resolve(NAME);
    try {
      ids.putAll(read(file));
    } catch (CorruptionException e) {
      LOG.atWarn()
          .addKeyValue("file", file)
          .addKeyValue("reason", e.getMessage())
          .log("ignoring unreadable Better Stack incidents file");
    }
  }

  synchronized @Nullable String get(String integration, String groupKey) {
    return ids.get(key(integration, groupKey));
  }

  synchronized void put(String integration, String groupKey, String id) {
    ids.put(key(integration, groupKey), id);
    write();
  }

  synchronized void remove(String integration, String groupKey) {
    if (ids.remove(key(integration, groupKey)) != null) {
      write();
    }
  }

  /** Entries keyed by integration, a NUL, and group key (NUL cannot occur in either). */
  private static String key(String integration, String groupKey) {
    return integration + '\0' + groupKey;
  }

  static Map<String, String> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    try {
      if (bytes.length < FormatHeader.SIZE + 4) {
        throw new CorruptionException(file, 0, "truncated: " + bytes.length + " bytes");
      }
      int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
      if (stored != Crc32c.of(bytes, 0, bytes.length - 4)) {
        throw new CorruptionException(file, bytes.length - 4, "CRC32C mismatch");
      }
      buf.limit(bytes.length - 4);
      FormatHeader.read(buf, file, MAGIC, VERSION, NAME);
      long n = Varint.getUvarint(buf);
      Map<String, String> out = new TreeMap<>();
      for (long i = 0; i < n; i++) {
        String integration = str(buf);
        String group = str(buf);
        out.put(key(integration, group), str(buf));
      }
      if (buf.hasRemaining()) {
        throw new CorruptionException(file, buf.position(), "trailing bytes");
      }
      return out;
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptionException(file, buf.position(), "truncated or malformed: " + e);
    }
  }

  private static String str(ByteBuffer buf) {
    long len = Varint.getUvarint(buf);
    if (len > buf.remaining()) {
      throw new IllegalArgumentException("string of " + len + " bytes past the end");
    }
    byte[] b = new byte[(int) len];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private void write() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(FormatHeader.SIZE);
    FormatHeader.write(header, MAGIC, VERSION);
    out.writeBytes(header.array());
    uvarint(out, ids.size());
    for (var e : ids.entrySet()) {
      int nul = e.getKey().indexOf('\0');
      putStr(out, e.getKey().substring(0, nul));
      putStr(out, e.getKey().substring(nul + 1));
      putStr(out, e.getValue());
    }
    byte[] body = out.toByteArray();
    out.writeBytes(ByteBuffer.allocate(4).putInt(Crc32c.of(body, 0, body.length)).array());
    Path tmp = file.resolveSibling(NAME + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer all = ByteBuffer.wrap(out.toByteArray());
        while (all.hasRemaining()) {
          ch.write(all);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.atError()
          .addKeyValue("file", file)
          .addKeyValue("err", e.toString())
          .log("could not write Better Stack incidents file");
    }
  }

  private static void uvarint(ByteArrayOutputStream out, long v) {
    byte[] b = new byte[10];
    out.write(b, 0, Varint.putUvarint(b, 0, v));
  }

  private static void putStr(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    uvarint(out, b.length);
    out.writeBytes(b);
  }
}
