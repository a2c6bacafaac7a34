package io.moraine.logs.wal;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segmented, append-only log of checksummed records (format in {@code docs/format/logs-wal.md}).
 * Thread-safe: {@link #append} calls are serialised. Opening recovers the log (a torn or corrupt
 * tail is cut at the last good record); {@link #replay} then reads every record once.
 */
public final class LogWal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogWal.class);

  /** "MLWL". */
  static final int MAGIC = 0x4D4C574C;

  static final int VERSION = 1;
  static final int FRAME_HEADER = 8;
  static final String FORMAT = "logs WAL";

  private final Path dir;
  private final long maxSegmentBytes;
  private final long fsyncIntervalMillis;
  private final Clock clock;
  private final Runnable onCorruption;
  private final List<Integer> segments = new ArrayList<>();
  private final ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
  private FileChannel current;
  private int currentNo;
  private long currentSize;
  private long lastSyncMillis;
  private boolean dirty;

  private LogWal(Path dir, long maxSegmentBytes, long fsyncIntervalMillis, Clock clock, Runnable c)
      throws IOException {
    this.dir = dir;
    this.maxSegmentBytes = maxSegmentBytes;
    this.fsyncIntervalMillis = fsyncIntervalMillis;
    this.clock = clock;
    this.onCorruption = c;
    Files.createDirectories(dir);
    segments.addAll(listSegments(dir));
    recover();
    int next = segments.isEmpty() ? 1 : segments.getLast() + 1;
    this.current = create(next);
    this.lastSyncMillis = clock.nowMillis();
  }

  /**
   * Opens (creating when absent) the log in {@code dir} and recovers it.
   *
   * @param maxSegmentBytes a new segment starts when a record would pass this size
   * @param fsyncIntervalMillis 0: fsync on every append; else at most this long between fsyncs
   * @param onCorruption called once for each corruption found and cut off
   * @throws CorruptionException on a segment of another format or an unsupported version
   */
  public static LogWal open(
      Path dir, long maxSegmentBytes, long fsyncIntervalMillis, Clock clock, Runnable onCorruption)
      throws IOException {
    if (maxSegmentBytes < 1024) {
      throw new IllegalArgumentException("maxSegmentBytes must be at least 1024");
    }
    return new LogWal(dir, maxSegmentBytes, fsyncIntervalMillis, clock, onCorruption);
  }

  /** Receives replayed records. */
  @FunctionalInterface
  public interface RecordSink {
    /**
     * One record (a buffer over its bytes only) at {@code position} ({@link #position(int, long)}).
     */
    void accept(long position, ByteBuffer record);
  }

  /** Feeds every record of the segments older than the one being written, oldest first. */
  public void replay(RecordSink records) throws IOException {
    for (int no : segments) {
      if (no == currentNo) {
        break;
      }
      ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file(no)));
      all.position(FormatHeader.SIZE);
      while (all.remaining() >= FRAME_HEADER) {
        int len = all.getInt();
        all.getInt();
        if (len == 0) {
          break;
        }
        records.accept(position(no, all.position() - FRAME_HEADER), all.slice(all.position(), len));
        all.position(all.position() + len);
      }
    }
  }

  /**
   * Appends one record and returns after it is written to the OS (and fsynced when the interval has
   * passed).
   *
   * @return the record's position, increasing with every record ({@link #position(int, long)})
   */
  public synchronized long append(byte[] record, int offset, int length) throws IOException {
    if (length <= 0 || length > maxSegmentBytes - FormatHeader.SIZE - FRAME_HEADER) {
      throw new IllegalArgumentException("WAL record of " + length + " bytes does not fit");
    }
    if (currentSize + FRAME_HEADER + length > maxSegmentBytes) {
      cut();
    }
    long at = position(currentNo, currentSize);
    header.clear();
    header.putInt(length).putInt(Crc32c.of(record, offset, length)).flip();
    writeFully(header);
    writeFully(ByteBuffer.wrap(record, offset, length));
    currentSize += FRAME_HEADER + length;
    dirty = true;
    long now = clock.nowMillis();
    if (fsyncIntervalMillis == 0 || now - lastSyncMillis >= fsyncIntervalMillis) {
      current.force(false);
      lastSyncMillis = now;
      dirty = false;
    }
    return at;
  }

  /** The position of the frame at {@code offset} of segment {@code segment}. */
  public static long position(int segment, long offset) {
    return ((long) segment << 32) | offset;
  }

  /** The segment of a position. */
  public static int segmentOf(long position) {
    return (int) (position >>> 32);
  }

  /** Completes the current segment (fsynced) and starts a new one; returns the new number. */
  public synchronized int cut() throws IOException {
    current.force(false);
    current.close();
    current = create(currentNo + 1);
    return currentNo;
  }

  /** The number of the oldest segment kept. */
  public synchronized int firstSegment() {
    return segments.getFirst();
  }

  /** Whether the segment being written holds a record. */
  public synchronized boolean currentHasRecords() {
    return currentSize > FormatHeader.SIZE;
  }

  /** The number of the segment being written. */
  public synchronized int currentSegment() {
    return currentNo;
  }

  /** Deletes every segment numbered below {@code segmentNo} (never the one being written). */
  public synchronized void truncateBefore(int segmentNo) throws IOException {
    while (!segments.isEmpty()
        && segments.getFirst() < segmentNo
        && segments.getFirst() != currentNo) {
      Files.deleteIfExists(file(segments.removeFirst()));
    }
  }

  /** Fsyncs the segment being written if anything was written since the last fsync. */
  public synchronized void sync() throws IOException {
    if (dirty) {
      current.force(false);
      dirty = false;
      lastSyncMillis = clock.nowMillis();
    }
  }

  /** Bytes of all segments. */
  public synchronized long sizeBytes() {
    long n = 0;
    for (int no : segments) {
      n += no == currentNo ? currentSize : file(no).toFile().length();
    }
    return n;
  }

  @Override
  public synchronized void close() throws IOException {
    if (current.isOpen()) {
      current.force(false);
      current.close();
    }
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      current.write(b);
    }
  }

  private FileChannel create(int no) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file(no),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    ByteBuffer h = ByteBuffer.allocate(FormatHeader.SIZE);
    FormatHeader.write(h, MAGIC, VERSION);
    h.flip();
    while (h.hasRemaining()) {
      ch.write(h);
    }
    segments.add(no);
    currentNo = no;
    currentSize = FormatHeader.SIZE;
    return ch;
  }

  private Path file(int no) {
    return dir.resolve(String.format("%08d", no));
  }

  /** Checks every segment; cuts the log at the first bad frame and drops what follows. */
  private void recover() throws IOException {
    for (int i = 0; i < segments.size(); i++) {
      int no = segments.get(i);
      boolean gap = i > 0 && no != segments.get(i - 1) + 1;
      long goodEnd = gap ? corrupt(file(no), 0, "gap before this segment") - 1 : scan(file(no));
      if (goodEnd >= 0 && goodEnd == Files.size(file(no))) {
        continue;
      }
      if (goodEnd >= 0) {
        try (FileChannel ch = FileChannel.open(file(no), StandardOpenOption.WRITE)) {
          ch.truncate(goodEnd);
          ch.force(true);
        }
        i++;
      }
      for (int j = segments.size() - 1; j >= i; j--) {
        Files.deleteIfExists(file(segments.remove(j)));
      }
      return;
    }
  }

  /** The length of the valid prefix of a segment (a complete file when nothing is wrong). */
  private long scan(Path f) throws IOException {
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(f));
    if (all.remaining() < FormatHeader.SIZE) {
      corrupt(f, 0, "segment shorter than its header");
      return -1;
    }
    FormatHeader.read(all, f, MAGIC, VERSION, FORMAT);
    while (all.hasRemaining()) {
      int at = all.position();
      if (all.remaining() < FRAME_HEADER) {
        return corrupt(f, at, "frame header cut short");
      }
      int len = all.getInt();
      int crc = all.getInt();
      if (len == 0 && crc == 0 && onlyZeros(all)) {
        return at;
      }
      if (len <= 0 || len > all.remaining()) {
        return corrupt(f, at, "frame length " + len + " past the end of the segment");
      }
      if (Crc32c.of(all.array(), all.position(), len) != crc) {
        return corrupt(f, at, "CRC32C mismatch");
      }
      all.position(all.position() + len);
    }
    return all.limit();
  }

  private static boolean onlyZeros(ByteBuffer b) {
    for (int i = b.position(); i < b.limit(); i++) {
      if (b.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private long corrupt(Path f, long offset, String reason) {
    LOG.atWarn()
        .addKeyValue("file", f)
        .addKeyValue("offset", offset)
        .addKeyValue("reason", reason)
        .log("logs WAL: torn or corrupt tail cut at the last good record");
    onCorruption.run();
    return offset;
  }

  private static List<Integer> listSegments(Path dir) throws IOException {
    List<Integer> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.length() == 8 && n.chars().allMatch(Character::isDigit)) {
          out.add(Integer.parseInt(n));
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** Wraps an I/O failure of the log. */
  public static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException("logs WAL: " + e.getMessage(), e);
  }
}
