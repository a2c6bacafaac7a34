package io.moraine.core.encoding;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The 8-byte header at the start of every Moraine file: a 4-byte magic naming the format, a 1-byte
 * version, 3 reserved zero bytes. Readers refuse an unknown magic or version clearly.
 */
public final class FormatHeader {
  public static final int SIZE = 8;

  private FormatHeader() {}

  public static void write(ByteBuffer buf, int magic, int version) {
    buf.putInt(magic);
    buf.put((byte) version);
    buf.put((byte) 0).put((byte) 0).put((byte) 0);
  }

  /**
   * Checks the header at the buffer's position and moves past it.
   *
   * @return the version found
   * @throws CorruptionException on a wrong magic or a version above {@code maxVersion}
   */
  public static int read(ByteBuffer buf, Path file, int magic, int maxVersion, String formatName) {
    if (buf.remaining() < SIZE) {
      throw new CorruptionException(file, 0, formatName + " file too short for its header");
    }
    int m = buf.getInt();
    if (m != magic) {
      throw new CorruptionException(
          file, 0, String.format("not a %s file (magic %08x)", formatName, m));
    }
    int version = buf.get() & 0xFF;
    buf.position(buf.position() + 3);
    if (version < 1 || version > maxVersion) {
      throw new CorruptionException(
          file,
          4,
          "unsupported "
              + formatName
              + " version "
              + version
              + " (this build reads up to "
              + maxVersion
              + ")");
    }
    return version;
  }
}
