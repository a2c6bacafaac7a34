package io.moraine.tsdb.wal;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the records of a sequence of segment files with large sequential reads: a primitive,
 * reusable cursor ({@link #next()}, {@link #type()}, {@link #record()}).
 *
 * <p>Not thread-safe; the caller closes it. Meant for replay before the WAL is written to and for
 * completed segments: a record being written concurrently may read as torn. After a {@link
 * CorruptionException} the reader is finished; close it.
 */
public final class WalReader implements Closeable {
  /** Why 1 MiB: sequential reads of this size reach disk bandwidth on SSDs and spinning disks. */
  private static final int READ_BUFFER_BYTES = 1 << 20;

  private final List<Path> files;
  private int fileIndex = -1;
  private @Nullable FileChannel channel;
  private Path file;
  private long fileSize;

  // bytes [pos, lim) of buf are read but not consumed; buf[0] is at file offset bufOffset
  private byte[] buf = new byte[READ_BUFFER_BYTES];
  private int pos;
  private int lim;
  private long bufOffset;

  private ByteBuffer view = ByteBuffer.wrap(buf);
  private long recordOffset = -1;
  private byte type;
  private boolean failed;

  WalReader(List<Path> files) {
    this.files = List.copyOf(files);
    this.file = files.isEmpty() ? Path.of("") : files.get(0);
  }

  /**
   * Replay: the records of the newest complete checkpoint, then of the segments after it (all
   * segments if there is no checkpoint).
   *
   * @throws CorruptionException if a segment is missing between the checkpoint and the rest
   */
  public static WalReader replay(Path walDir) throws IOException {
    Optional<Checkpoint> cp = Checkpoint.last(walDir);
    List<Path> files = new ArrayList<>();
    int from = 0;
    if (cp.isPresent()) {
      files.addAll(Segments.files(cp.get().dir(), 0, false));
      from = cp.get().segment() + 1;
    }
    files.addAll(Segments.files(walDir, from, cp.isPresent()));
    return new WalReader(files);
  }

  /**
   * The records of the segments numbered {@code fromSegment} and later in {@code dir} (a WAL or a
   * checkpoint directory).
   *
   * @throws CorruptionException if the segment numbers have a gap
   */
  public static WalReader segments(Path dir, int fromSegment) throws IOException {
    return new WalReader(Segments.files(dir, fromSegment, false));
  }

  /**
   * Moves to the next record.
   *
   * @return false after the last record
   * @throws CorruptionException on a bad header, a torn frame or a checksum mismatch, with the file
   *     and the offset of the frame
   */
  public boolean next() throws IOException {
    if (failed) {
      throw new IllegalStateException("BUG: WalReader used after a CorruptionException");
    }
    try {
      while (true) {
        if (channel == null && !openNextFile()) {
          return false;
        }
        if (readFrame()) {
          return true;
        }
        closeFile();
      }
    } catch (CorruptionException e) {
      failed = true;
      throw e;
    }
  }

  /** The current record's type (its first byte). */
  public byte type() {
    return type;
  }

  /**
   * The current record, type byte first, as the remaining bytes of a buffer that is reused: valid
   * until the next call of {@link #next()}. The caller may move its position.
   */
  public ByteBuffer record() {
    return view;
  }

  /** The file of the current record. */
  public Path file() {
    return file;
  }

  /** The offset of the current record's frame in {@link #file()}. */
  public long offset() {
    return recordOffset;
  }

  private boolean openNextFile() throws IOException {
    if (++fileIndex >= files.size()) {
      return false;
    }
    file = files.get(fileIndex);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    channel = ch;
    fileSize = ch.size();
    pos = 0;
    lim = 0;
    bufOffset = 0;
    if (!fill(Segments.HEADER_BYTES)) {
      throw new CorruptionException(file, 0, "WAL segment shorter than its header");
    }
    ByteBuffer h = ByteBuffer.wrap(buf, pos, Segments.HEADER_BYTES);
    FormatHeader.read(h, file, Segments.MAGIC, Segments.VERSION, Segments.FORMAT_NAME);
    pos += Segments.HEADER_BYTES;
    return true;
  }

  private boolean readFrame() throws IOException {
    if (!fill(Segments.FRAME_HEADER_BYTES)) {
      if (pos == lim) {
        return false;
      }
      throw corrupt(bufOffset + pos, "frame header cut short: " + (lim - pos) + " bytes left");
    }
    long offset = bufOffset + pos;
    int len = getInt(pos);
    int crc = getInt(pos + 4);
    if (len == 0) {
      throw corrupt(offset, crc == 0 ? "zero-filled tail" : "record length 0");
    }
    long room = fileSize - offset - Segments.FRAME_HEADER_BYTES;
    if (len < 0 || len > room) {
      throw corrupt(
          offset,
          "record length " + Integer.toUnsignedString(len) + " past the end of the segment");
    }
    if (!fill(Segments.FRAME_HEADER_BYTES + len)) {
      throw corrupt(offset, "record cut short: the file ended while reading it");
    }
    int start = pos + Segments.FRAME_HEADER_BYTES;
    if (Crc32c.of(buf, start, len) != crc) {
      throw corrupt(offset, "record checksum mismatch");
    }
    if (buf[start] == 0) {
      throw corrupt(offset, "record type 0");
    }
    type = buf[start];
    view.limit(start + len).position(start);
    recordOffset = offset;
    pos = start + len;
    return true;
  }

  /** Makes at least {@code n} bytes available at {@code pos}; false if the file ends before. */
  private boolean fill(int n) throws IOException {
    if (lim - pos >= n) {
      return true;
    }
    if (n > buf.length) {
      byte[] bigger = new byte[Math.max(n, 2 * buf.length)];
      System.arraycopy(buf, pos, bigger, 0, lim - pos);
      buf = bigger;
      view = ByteBuffer.wrap(buf);
    } else if (pos + n > buf.length) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
    } else {
      return readAtLeast(n);
    }
    bufOffset += pos;
    lim -= pos;
    pos = 0;
    return readAtLeast(n);
  }

  private boolean readAtLeast(int n) throws IOException {
    FileChannel ch = channel;
    if (ch == null) {
      throw new IllegalStateException("BUG: no segment open");
    }
    ByteBuffer target = ByteBuffer.wrap(buf, lim, buf.length - lim);
    while (lim - pos < n) {
      int r = ch.read(target);
      if (r < 0) {
        return false;
      }
      lim += r;
    }
    return true;
  }

  private int getInt(int at) {
    return ((buf[at] & 0xFF) << 24)
        | ((buf[at + 1] & 0xFF) << 16)
        | ((buf[at + 2] & 0xFF) << 8)
        | (buf[at + 3] & 0xFF);
  }

  private CorruptionException corrupt(long offset, String reason) {
    return new CorruptionException(file, offset, reason);
  }

  private void closeFile() throws IOException {
    FileChannel ch = channel;
    channel = null;
    if (ch != null) {
      ch.close();
    }
  }

  @Override
  public void close() throws IOException {
    closeFile();
    fileIndex = files.size();
  }
}
