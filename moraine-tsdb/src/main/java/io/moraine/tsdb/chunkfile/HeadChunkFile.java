package io.moraine.tsdb.chunkfile;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.tsdb.chunk.Encoding;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The head's {@code chunks_head/} directory: full head chunks are appended here and read back
 * through memory mappings, so the heap keeps only open chunks. Each entry carries its series ref,
 * mint and maxt so {@link HeadChunkScanner} can rebuild the head's chunk lists after a restart.
 *
 * <p>A new segment is created at its full size (a sparse file) and mapped whole, read-only; entries
 * are written through the file, and become readable through the mapping as soon as {@link #write}
 * returns, without remapping. Earlier segments, found at {@link #open}, are mapped too; appends
 * always go to a new segment.
 *
 * <p>Threads: one thread at a time appends, truncates and closes (the head's chunk writer); any
 * number read concurrently, each with its own {@link ChunkBuf}. A reader never sees a partly
 * written entry. Nothing is fsynced per write: the WAL is the source of truth, and a torn tail
 * after a crash is cut by the scanner.
 */
public final class HeadChunkFile implements Closeable {
  /** Prometheus' head chunk file size: bounds the sparse preallocation and the fsync at a cut. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 128L << 20;

  /** Segments readable now, ascending by index; replaced whole (copy on write). */
  private static final class Segments {
    private final MappedSegment[] list;

    Segments(MappedSegment[] list) {
      this.list = list;
    }

    MappedSegment[] list() {
      return list;
    }

    @Nullable MappedSegment find(int index) {
      // Few segments (a head spans about 3 hours): a scan beats any index.
      for (MappedSegment s : list) {
        if (s.index == index) {
          return s;
        }
      }
      return null;
    }

    Segments plus(MappedSegment s) {
      MappedSegment[] l = Arrays.copyOf(list, list.length + 1);
      l[list.length] = s;
      return new Segments(l);
    }
  }

  private final Path dir;
  private final long maxSegmentBytes;
  private final boolean verifyChecksums;
  private volatile Segments segments;
  private @Nullable MappedSegment current;
  private int lastIndex;

  /** The entry being written: header, data and checksum, for one write to the file. */
  private byte[] entry = new byte[4096];

  private final CRC32C crc = new CRC32C();
  private volatile boolean closed;

  private HeadChunkFile(
      Path dir, long maxSegmentBytes, boolean verify, Segments segments, int lastIndex) {
    this.dir = dir;
    this.maxSegmentBytes = maxSegmentBytes;
    this.verifyChecksums = verify;
    this.segments = segments;
    this.lastIndex = lastIndex;
  }

  /** Opens {@code dir} with {@link #DEFAULT_MAX_SEGMENT_BYTES} segments and checksummed reads. */
  public static HeadChunkFile open(Path dir) throws IOException {
    return open(dir, DEFAULT_MAX_SEGMENT_BYTES, true);
  }

  /**
   * Opens {@code dir} (created if missing), mapping its segments for reading. Run {@link
   * HeadChunkScanner#scan} first: it cuts torn tails and tells which refs exist.
   *
   * @param maxSegmentBytes size of new segments, 64 bytes to 4 GiB
   * @param verifyChecksums whether each {@link #read} checks the entry's CRC32C
   * @throws CorruptionException on a segment with a wrong magic or an unknown version
   */
  public static HeadChunkFile open(Path dir, long maxSegmentBytes, boolean verifyChecksums)
      throws IOException {
    if (maxSegmentBytes < 64 || maxSegmentBytes > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("max segment size out of range: " + maxSegmentBytes);
    }
    Files.createDirectories(dir);
    List<Integer> indexes = SegmentFiles.list(dir);
    List<MappedSegment> mapped = new ArrayList<>();
    try {
      for (int index : indexes) {
        mapped.add(MappedSegment.openReadOnly(dir, index, SegmentKind.HEAD));
      }
    } catch (IOException | RuntimeException e) {
      mapped.forEach(MappedSegment::close);
      throw e;
    }
    int last = indexes.isEmpty() ? 0 : indexes.get(indexes.size() - 1);
    return new HeadChunkFile(
        dir,
        maxSegmentBytes,
        verifyChecksums,
        new Segments(mapped.toArray(new MappedSegment[0])),
        last);
  }

  /**
   * Appends a full head chunk; readable as soon as this returns.
   *
   * @return its ref, {@code (segment << 32) | offset}
   */
  public long write(
      long seriesRef, long mint, long maxt, Encoding enc, byte[] data, int off, int len)
      throws IOException {
    Objects.requireNonNull(enc);
    Objects.checkFromIndexSize(off, len, data.length);
    ensureOpen();
    long need = Entries.size(SegmentKind.HEAD, len);
    MappedSegment s = current;
    if (s == null || s.end() + need > s.capacity()) {
      s = cut(need);
    }
    long at = s.end();
    if (entry.length < need) {
      entry = new byte[(int) Math.max(need, 2L * entry.length)];
    }
    int h = Entries.header(entry, SegmentKind.HEAD, seriesRef, mint, maxt, enc, len);
    System.arraycopy(data, off, entry, h, len);
    int sum = Entries.checksum(crc, SegmentKind.HEAD, entry, h, data, off, len);
    Entries.putInt(entry, h + len, sum);
    s.append(entry, (int) need);
    return ChunkRef.of(s.index, at);
  }

  private MappedSegment cut(long need) throws IOException {
    MappedSegment old = current;
    if (old != null) {
      old.finishAppending();
    }
    MappedSegment s =
        MappedSegment.create(
            dir,
            lastIndex + 1,
            SegmentKind.HEAD,
            Math.max(maxSegmentBytes, FormatHeader.SIZE + need));
    lastIndex = s.index;
    current = s;
    segments = segments.plus(s);
    SegmentFiles.syncDirectory(dir);
    return s;
  }

  /**
   * Copies the chunk at {@code ref} into {@code into}, with its series ref, mint and maxt.
   *
   * @throws CorruptionException naming the segment file when the ref points nowhere, the entry is
   *     malformed or fails its checksum
   */
  public Encoding read(long ref, ChunkBuf into) {
    Objects.requireNonNull(into);
    ensureOpen();
    int index = ChunkRef.segment(ref);
    MappedSegment s = segments.find(index);
    if (s == null) {
      throw new CorruptionException(
          dir.resolve(SegmentFiles.name(Math.max(index, 0))),
          ChunkRef.offset(ref),
          "chunk ref into a head chunk segment that does not exist");
    }
    return s.read(ChunkRef.offset(ref), verifyChecksums, into);
  }

  /**
   * Bytes the segments hold (headers and entries), not counting the preallocated space a sparse
   * segment has not filled yet.
   */
  public long sizeBytes() {
    long total = 0;
    for (MappedSegment s : segments.list()) {
      total += s.end();
    }
    return total;
  }

  /** Index of the segment appends go to, or of the last existing one before the first write. */
  public int currentSegment() {
    return lastIndex;
  }

  /**
   * Unmaps and deletes every segment numbered below {@code segmentIndex}, except the one being
   * appended to. The caller guarantees that no reader uses refs into them any more (the head has
   * dropped those chunks); a read that still does fails with a {@link CorruptionException}, or with
   * an {@link IllegalStateException} when it races the unmapping.
   *
   * @return the number of segments deleted
   */
  public int truncateBefore(int segmentIndex) throws IOException {
    ensureOpen();
    List<MappedSegment> keep = new ArrayList<>();
    List<MappedSegment> drop = new ArrayList<>();
    for (MappedSegment s : segments.list()) {
      (s.index < segmentIndex && s != current ? drop : keep).add(s);
    }
    if (drop.isEmpty()) {
      return 0;
    }
    segments = new Segments(keep.toArray(new MappedSegment[0]));
    for (MappedSegment s : drop) {
      s.close();
      Files.deleteIfExists(s.path);
    }
    SegmentFiles.syncDirectory(dir);
    return drop.size();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("head chunk file " + dir + " is closed");
    }
  }

  /**
   * Flushes the segment being appended to, unmaps everything, then trims the unused preallocated
   * tail of the last segment and fsyncs it; idempotent. Reads must have stopped.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    MappedSegment s = current;
    long end = s == null ? 0 : s.end();
    if (s != null) {
      s.finishAppending();
    }
    for (MappedSegment m : segments.list()) {
      m.close();
    }
    if (s != null) {
      try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
        ch.truncate(end);
        ch.force(true);
      }
      SegmentFiles.syncDirectory(dir);
    }
  }
}
