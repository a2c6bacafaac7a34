package io.moraine.rules.notify.route;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.ChecksummedFile;
import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The shared frame of the notify state files (docs/format/notify-state.md): a {@link
 * ChecksummedFile} whose body is a counted list of entries.
 */
final class StateFile {
  static final int VERSION = 1;

  private StateFile() {}

  /** Writes the entries atomically (temporary file, fsync, rename). */
  static <T> void write(Path file, int magic, List<T> entries, BiConsumer<BinaryWriter, T> encoder)
      throws IOException {
    BinaryWriter out = new BinaryWriter();
    out.uvarint(entries.size());
    for (T e : entries) {
      encoder.accept(out, e);
    }
    ChecksummedFile.write(file, magic, VERSION, out.toByteArray());
  }

  /**
   * The entries of {@code file}; empty when it does not exist.
   *
   * @throws CorruptionException when the file fails a check
   */
  static <T> List<T> read(Path file, int magic, String format, Function<ByteBuffer, T> decoder)
      throws IOException {
    ByteBuffer buf = ChecksummedFile.read(file, magic, VERSION, format);
    if (buf == null) {
      return List.of();
    }
    try {
      List<T> entries = new ArrayList<>();
      for (int n = BinaryReader.count(buf); n > 0; n--) {
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
}
