package io.moraine.ingest.remotewrite.queue;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/** The acknowledged position of a queue: {@code <dir>/ack}, replaced atomically. */
final class AckFile {
  static final int MAGIC = 0x4D525741; // "MRWA"
  private static final int SIZE = FormatHeader.SIZE + 8 + 8 + 4;

  /** A position: records ending at or before {@code offset} in {@code segment} are acknowledged. */
  record Position(long segment, long offset) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      int c = Long.compare(segment, o.segment);
      return c != 0 ? c : Long.compare(offset, o.offset);
    }
  }

  private AckFile() {}

  /**
   * Reads {@code <dir>/ack}.
   *
   * @return the position, or null when the file is absent
   * @throws CorruptionException when it is damaged or of another format or version
   */
  static @Nullable Position read(Path dir) throws IOException {
    Path file = dir.resolve("ack");
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    FormatHeader.read(buf, file, MAGIC, 1, "remote-write ack");
    if (b.length != SIZE) {
      throw new CorruptionException(file, 0, "ack file is " + b.length + " bytes, want " + SIZE);
    }
    long segment = buf.getLong();
    long offset = buf.getLong();
    int crc = buf.getInt();
    if (crc != Crc32c.of(b, 0, SIZE - 4)) {
      throw new CorruptionException(file, SIZE - 4, "ack file checksum mismatch");
    }
    return new Position(segment, offset);
  }

  /** Writes {@code p} to {@code ack.tmp}, forces it, and renames it over {@code ack}. */
  static void write(Path dir, Position p) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(SIZE);
    FormatHeader.write(buf, MAGIC, 1);
    buf.putLong(p.segment()).putLong(p.offset());
    buf.putInt(Crc32c.of(buf.array(), 0, SIZE - 4));
    buf.flip();
    Path tmp = dir.resolve("ack.tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
    Files.move(tmp, dir.resolve("ack"), StandardCopyOption.ATOMIC_MOVE);
  }
}
