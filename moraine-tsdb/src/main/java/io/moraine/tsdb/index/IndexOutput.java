package io.moraine.tsdb.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Buffered sequential writing of the index file with framed sections: {@link #beginSection}
 * reserves the length, {@link #endSection} appends the payload's CRC32C and patches the length.
 */
final class IndexOutput implements Closeable {
  /** Large enough that writes reach the file in few system calls, small next to the page cache. */
  private static final int BUFFER_BYTES = 1 << 16;

  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
  private final CRC32C crc = new CRC32C();
  private long pos;
  private long sectionStart = -1;

  IndexOutput(Path file) throws IOException {
    channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
  }

  long position() {
    return pos;
  }

  /** Writes bytes outside any section (header, TOC); not checksummed here. */
  void writeRaw(byte[] b, int off, int n) throws IOException {
    int done = 0;
    while (done < n) {
      if (!buf.hasRemaining()) {
        flush();
      }
      int k = Math.min(buf.remaining(), n - done);
      buf.put(b, off + done, k);
      done += k;
    }
    pos += n;
  }

  void writeRaw(ByteSink s) throws IOException {
    writeRaw(s.array(), 0, s.length());
  }

  /** Starts a section; returns its offset (that of its length field). */
  long beginSection() throws IOException {
    if (sectionStart >= 0) {
      throw new IllegalStateException("BUG: section not ended");
    }
    sectionStart = pos;
    writeRaw(new byte[4], 0, 4);
    crc.reset();
    return sectionStart;
  }

  /** Appends payload bytes to the open section. */
  void write(byte[] b, int off, int n) throws IOException {
    crc.update(b, off, n);
    writeRaw(b, off, n);
  }

  void write(ByteSink s) throws IOException {
    write(s.array(), 0, s.length());
  }

  /** Ends the section: appends the CRC32C and patches the payload length. */
  void endSection() throws IOException {
    long payload = pos - sectionStart - 4;
    if (payload > 0xFFFF_FFFFL) {
      throw new IllegalStateException("index section over 4 GiB: " + payload + " bytes");
    }
    ByteSink tail = new ByteSink(4);
    tail.putInt((int) crc.getValue());
    writeRaw(tail);
    flush();
    ByteBuffer len = ByteBuffer.allocate(4).putInt(0, (int) payload);
    while (len.hasRemaining()) {
      channel.write(len, sectionStart + len.position());
    }
    sectionStart = -1;
  }

  private void flush() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }

  /** Flushes and forces the data to disk. */
  void sync() throws IOException {
    flush();
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
