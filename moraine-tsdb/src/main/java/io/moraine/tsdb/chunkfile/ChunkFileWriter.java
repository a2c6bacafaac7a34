package io.moraine.tsdb.chunkfile;

import io.moraine.core.encoding.FormatHeader;
import io.moraine.tsdb.chunk.Encoding;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Writes the chunks of a new block into {@code <block>/chunks/}: segment files {@code 000001},
 * {@code 000002}, ... each starting with an 8-byte header and holding entries {@code uvarint len |
 * encoding | data | CRC32C}, a new segment being cut before one would grow past the maximum. Used
 * by one thread (compaction); nothing is readable or durable before {@link #close}, which flushes
 * and fsyncs every file and the directory.
 */
public final class ChunkFileWriter implements Closeable {
  /** Prometheus' block segment size: few files per block, refs well inside 32-bit offsets. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 512L << 20;

  /** Write buffer; 1 MiB amortises system calls to well under 1 % of writing time. */
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path dir;
  private final long maxSegmentBytes;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
  private final byte[] header = new byte[Entries.MAX_HEADER_BYTES];
  private final byte[] crcBytes = new byte[SegmentKind.CRC_BYTES];
  private final CRC32C crc = new CRC32C();
  private @Nullable FileChannel channel;
  private int segment;
  private long segmentBytes;
  private boolean closed;

  private ChunkFileWriter(Path dir, long maxSegmentBytes) {
    this.dir = dir;
    this.maxSegmentBytes = maxSegmentBytes;
  }

  /** A writer into {@code dir} with segments of at most {@link #DEFAULT_MAX_SEGMENT_BYTES}. */
  public static ChunkFileWriter create(Path dir) throws IOException {
    return create(dir, DEFAULT_MAX_SEGMENT_BYTES);
  }

  /**
   * A writer into {@code dir}, created if missing.
   *
   * @param maxSegmentBytes segment size limit, 64 bytes to 4 GiB; a chunk bigger than that gets a
   *     segment of its own
   * @throws IllegalArgumentException when {@code dir} already holds segments
   */
  public static ChunkFileWriter create(Path dir, long maxSegmentBytes) throws IOException {
    if (maxSegmentBytes < 64 || maxSegmentBytes > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("max segment size out of range: " + maxSegmentBytes);
    }
    Files.createDirectories(dir);
    if (!SegmentFiles.list(dir).isEmpty()) {
      throw new IllegalArgumentException(dir + " already holds chunk segments");
    }
    return new ChunkFileWriter(dir, maxSegmentBytes);
  }

  /**
   * Appends one chunk.
   *
   * @return its ref, {@code (segment << 32) | offset}
   */
  public long write(Encoding enc, byte[] data, int off, int len) throws IOException {
    Objects.requireNonNull(enc);
    Objects.checkFromIndexSize(off, len, data.length);
    if (closed) {
      throw new IllegalStateException("BUG: write after close");
    }
    long need = Entries.size(SegmentKind.BLOCK, len);
    if (channel == null
        || (segmentBytes + need > maxSegmentBytes && segmentBytes > FormatHeader.SIZE)) {
      cut();
    }
    long ref = ChunkRef.of(segment, segmentBytes);
    int h = Entries.header(header, SegmentKind.BLOCK, 0, 0, 0, enc, len);
    Entries.putInt(
        crcBytes, 0, Entries.checksum(crc, SegmentKind.BLOCK, header, h, data, off, len));
    put(header, 0, h);
    put(data, off, len);
    put(crcBytes, 0, crcBytes.length);
    segmentBytes += need;
    return ref;
  }

  private void put(byte[] b, int off, int len) throws IOException {
    if (len > buf.remaining()) {
      flush();
      if (len > buf.capacity()) {
        writeFully(ByteBuffer.wrap(b, off, len));
        return;
      }
    }
    buf.put(b, off, len);
  }

  private void flush() throws IOException {
    buf.flip();
    writeFully(buf);
    buf.clear();
  }

  private void writeFully(ByteBuffer b) throws IOException {
    FileChannel ch = Objects.requireNonNull(channel);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private void cut() throws IOException {
    finishSegment();
    segment++;
    channel =
        FileChannel.open(
            dir.resolve(SegmentFiles.name(segment)),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
    FormatHeader.write(buf, SegmentKind.BLOCK.magic, SegmentKind.VERSION);
    segmentBytes = FormatHeader.SIZE;
  }

  private void finishSegment() throws IOException {
    FileChannel ch = channel;
    if (ch != null) {
      flush();
      ch.force(true);
      ch.close();
      channel = null;
    }
  }

  /** Number of segments written so far. */
  public int segments() {
    return segment;
  }

  /** Flushes and fsyncs the last segment and the directory; idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    finishSegment();
    SegmentFiles.syncDirectory(dir);
  }
}
