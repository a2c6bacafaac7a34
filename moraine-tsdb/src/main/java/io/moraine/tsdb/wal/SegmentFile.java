package io.moraine.tsdb.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The segment being appended to. Not thread-safe: used only under the WAL's I/O permit. */
final class SegmentFile implements Closeable {
  private final int number;
  private final Path path;
  private FileChannel channel;
  private long size;

  private SegmentFile(int number, Path path, FileChannel channel, long size) {
    this.number = number;
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  /** Creates a new segment holding only its header, and makes its name durable. */
  static SegmentFile create(Path dir, int number) throws IOException {
    Path p = Segments.path(dir, number);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    SegmentFile f = new SegmentFile(number, p, ch, 0);
    f.write(Segments.header());
    Segments.fsyncDir(dir);
    return f;
  }

  /**
   * Opens an existing segment for appending after its first {@code goodBytes} bytes; anything after
   * them is cut off and the cut is made durable.
   */
  static SegmentFile openForAppend(Path dir, int number, long goodBytes) throws IOException {
    Path p = Segments.path(dir, number);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
    if (ch.size() > goodBytes) {
      ch.truncate(goodBytes);
      ch.force(false);
    }
    ch.position(goodBytes);
    return new SegmentFile(number, p, ch, goodBytes);
  }

  /** Rewrites a segment whose header was torn: it holds only a header afterwards. */
  static SegmentFile recreate(Path dir, int number) throws IOException {
    Path p = Segments.path(dir, number);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
    ch.truncate(0);
    SegmentFile f = new SegmentFile(number, p, ch, 0);
    f.write(Segments.header());
    ch.force(false);
    return f;
  }

  int number() {
    return number;
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  /** Writes all of {@code buf}'s remaining bytes at the end of the segment. */
  void write(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      size += channel.write(buf);
    }
  }

  void sync() throws IOException {
    channel.force(false);
  }

  /**
   * Cuts the segment back to {@code goodBytes} after a failed write, reopening the channel if the
   * failure closed it (an interrupt closes a FileChannel).
   */
  void rollBack(long goodBytes) throws IOException {
    if (!channel.isOpen()) {
      channel = FileChannel.open(path, StandardOpenOption.WRITE);
    }
    channel.truncate(goodBytes);
    channel.position(goodBytes);
    size = goodBytes;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
