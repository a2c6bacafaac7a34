package io.moraine.core.encoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A small whole-file snapshot: the {@link FormatHeader} (magic, version), a body, and the CRC32C of
 * header and body as a big-endian 32-bit word. Written atomically (temporary sibling, fsync,
 * rename), so a reader sees the old file or the new one, never a mix. The layouts of the bodies are
 * in {@code docs/format/}. Stateless.
 */
public final class ChecksummedFile {
  private static final int CRC_SIZE = 4;

  private ChecksummedFile() {}

  /** Replaces {@code file} with header, {@code body} and checksum; creates its directory. */
  public static void write(Path file, int magic, int version, byte[] body) throws IOException {
    ByteBuffer all = ByteBuffer.allocate(FormatHeader.SIZE + body.length + CRC_SIZE);
    FormatHeader.write(all, magic, version);
    all.put(body);
    all.putInt(Crc32c.of(all.array(), 0, all.position())).flip();
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
   * The body of {@code file}: a buffer positioned after the header, limited before the checksum;
   * null when the file does not exist.
   *
   * @param format the format's name, for error messages
   * @throws CorruptionException on a wrong magic, an unsupported version, a missing or wrong
   *     checksum
   */
  public static @Nullable ByteBuffer read(Path file, int magic, int version, String format)
      throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    FormatHeader.read(buf, file, magic, version, format);
    if (bytes.length < FormatHeader.SIZE + CRC_SIZE) {
      throw new CorruptionException(file, bytes.length, "truncated: no checksum");
    }
    int crcAt = bytes.length - CRC_SIZE;
    if (Crc32c.of(bytes, 0, crcAt) != ByteBuffer.wrap(bytes, crcAt, CRC_SIZE).getInt()) {
      throw new CorruptionException(file, crcAt, "CRC32C checksum mismatch");
    }
    return buf.limit(crcAt);
  }
}
