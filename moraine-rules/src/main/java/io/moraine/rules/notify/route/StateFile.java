package io.moraine.rules.notify.route;

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
import java.util.List;
import java.util.function.Function;

/**
 * The shared frame of the notify state files (docs/format/notify-state.md): header, a counted list
 * of entries, CRC32C; written atomically.
 */
final class StateFile {
  static final int VERSION = 1;

  private StateFile() {}

  /** Writes the entries atomically (temporary file, fsync, rename). */
  static <T> void write(
      Path file, int magic, List<T> entries, java.util.function.BiConsumer<Out, T> encoder)
      throws IOException {
    Out out = new Out();
    ByteBuffer header = ByteBuffer.allocate(FormatHeader.SIZE);
    FormatHeader.write(header, magic, VERSION);
    out.write(header.array(), 0, FormatHeader.SIZE);
    out.uvarint(entries.size());
    for (T e : entries) {
      encoder.accept(out, e);
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
   * The entries of {@code file}; empty when it does not exist.
   *
   * @throws CorruptionException when the file fails a check
   */
  static <T> List<T> read(Path file, int magic, String format, Function<ByteBuffer, T> decoder)
      throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    FormatHeader.read(buf, file, magic, VERSION, format);
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
      List<T> entries = new ArrayList<>();
      for (long n = Varint.getUvarint(buf); n > 0; n--) {
        entries.add(decoder.apply(buf));
      }
      if (buf.hasRemaining()) {
        throw new CorruptionException(file, buf.position(), "trailing bytes after the entries");
      }
      return entries;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptionException(file, buf.position(), "malformed " + format + " entry: " + e);
    }
  }

  static String str(ByteBuffer buf) {
    long n = Varint.getUvarint(buf);
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException("string length " + n + " beyond the file");
    }
    String s = new String(buf.array(), buf.position(), (int) n, StandardCharsets.UTF_8);
    buf.position(buf.position() + (int) n);
    return s;
  }

  static int count(ByteBuffer buf) {
    long n = Varint.getUvarint(buf);
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException("count " + n + " beyond the file");
    }
    return (int) n;
  }

  static Labels labels(ByteBuffer buf) {
    Labels.Builder b = Labels.builder();
    for (int k = count(buf); k > 0; k--) {
      b.add(str(buf), str(buf));
    }
    return b.build();
  }

  /** A byte sink with the format's primitives. */
  static final class Out extends ByteArrayOutputStream {
    private final byte[] scratch = new byte[10];

    Out uvarint(long v) {
      write(scratch, 0, Varint.putUvarint(scratch, 0, v));
      return this;
    }

    Out u8(int v) {
      write(v);
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

    Out labels(Labels l) {
      uvarint(l.size());
      for (int i = 0; i < l.size(); i++) {
        str(l.name(i)).str(l.value(i));
      }
      return this;
    }
  }
}
