package io.moraine.tsdb.chunkfile;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.tsdb.chunk.Encoding;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the chunks of a block's {@code chunks/} directory through memory mappings, so chunk bytes
 * live in the page cache, not the heap. Safe for any number of concurrent reading threads, each
 * with its own {@link ChunkBuf}. {@link #close} unmaps every segment at once, so the block's files
 * may be deleted right after; the caller must make sure no read is in flight or starts later (those
 * fail with {@link IllegalStateException}).
 */
public final class ChunkFileReader implements Closeable {
  private final Path dir;
  private final MappedSegment[] segments;
  private final boolean verifyChecksums;

  private ChunkFileReader(Path dir, MappedSegment[] segments, boolean verifyChecksums) {
    this.dir = dir;
    this.segments = segments;
    this.verifyChecksums = verifyChecksums;
  }

  /** Opens {@code dir}, verifying the checksum of every chunk read. */
  public static ChunkFileReader open(Path dir) throws IOException {
    return open(dir, true);
  }

  /**
   * Maps every segment of {@code dir} and checks their headers.
   *
   * @param verifyChecksums whether each {@link #read} checks the chunk's CRC32C (about 1 ns/byte)
   * @throws CorruptionException on a wrong magic, an unknown version or a missing segment
   */
  public static ChunkFileReader open(Path dir, boolean verifyChecksums) throws IOException {
    List<Integer> indexes = SegmentFiles.list(dir);
    List<MappedSegment> mapped = new ArrayList<>();
    try {
      for (int i = 0; i < indexes.size(); i++) {
        int index = indexes.get(i);
        if (index != i + 1) {
          throw new CorruptionException(
              dir.resolve(SegmentFiles.name(i + 1)), 0, "block chunk segment missing");
        }
        mapped.add(MappedSegment.openReadOnly(dir, index, SegmentKind.BLOCK));
      }
    } catch (IOException | RuntimeException e) {
      mapped.forEach(MappedSegment::close);
      throw e;
    }
    return new ChunkFileReader(dir, mapped.toArray(new MappedSegment[0]), verifyChecksums);
  }

  /**
   * Copies the chunk at {@code ref} into {@code into}.
   *
   * @return the chunk's encoding, also in {@code into.encoding()}
   * @throws CorruptionException naming the segment file when the ref points nowhere, the entry is
   *     malformed or its checksum does not match
   */
  public Encoding read(long ref, ChunkBuf into) {
    Objects.requireNonNull(into);
    int index = ChunkRef.segment(ref);
    if (index < 1 || index > segments.length) {
      throw new CorruptionException(
          dir.resolve(SegmentFiles.name(Math.max(index, 0))),
          ChunkRef.offset(ref),
          "chunk ref into a segment that does not exist (" + segments.length + " segments)");
    }
    return segments[index - 1].read(ChunkRef.offset(ref), verifyChecksums, into);
  }

  public int segmentCount() {
    return segments.length;
  }

  /** Bytes of all segment files. */
  public long sizeBytes() {
    long size = 0;
    for (MappedSegment s : segments) {
      size += s.capacity();
    }
    return size;
  }

  /** Unmaps every segment; idempotent. */
  @Override
  public void close() {
    for (MappedSegment s : segments) {
      s.close();
    }
  }
}
