package io.moraine.rules.notify.receiver;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.ChecksummedFile;
import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
    ByteBuffer buf;
    try {
      buf = ChecksummedFile.read(file, MAGIC, VERSION, NAME);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    if (buf == null) {
      return Map.of();
    }
    try {
      Map<String, String> out = new TreeMap<>();
      for (int n = BinaryReader.count(buf); n > 0; n--) {
        String integration = BinaryReader.str(buf);
        String group = BinaryReader.str(buf);
        out.put(key(integration, group), BinaryReader.str(buf));
      }
      if (buf.hasRemaining()) {
        throw new CorruptionException(file, buf.position(), "trailing bytes");
      }
      return out;
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptionException(file, buf.position(), "truncated or malformed: " + e);
    }
  }

  private void write() {
    BinaryWriter out = new BinaryWriter();
    out.uvarint(ids.size());
    for (var e : ids.entrySet()) {
      int nul = e.getKey().indexOf('\0');
      out.str(e.getKey().substring(0, nul)).str(e.getKey().substring(nul + 1)).str(e.getValue());
    }
    try {
      ChecksummedFile.write(file, MAGIC, VERSION, out.toByteArray());
    } catch (IOException e) {
      LOG.atError()
          .addKeyValue("file", file)
          .addKeyValue("err", e.toString())
          .log("could not write Better Stack incidents file");
    }
  }
}
