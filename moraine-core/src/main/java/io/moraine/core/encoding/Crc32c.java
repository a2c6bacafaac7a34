package io.moraine.core.encoding;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C (Castagnoli), the checksum of every Moraine file, WAL record and index section. */
public final class Crc32c {
  private Crc32c() {}

  public static int of(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  /** Checksum of the buffer's remaining bytes; the buffer's position is left unchanged. */
  public static int of(ByteBuffer b) {
    CRC32C c = new CRC32C();
    c.update(b.duplicate());
    return (int) c.getValue();
  }
}
