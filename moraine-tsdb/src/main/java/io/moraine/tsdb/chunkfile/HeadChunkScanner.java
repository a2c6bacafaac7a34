package io.moraine.tsdb.chunkfile;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.tsdb.chunk.Encoding;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Rebuilds the head's view of {@code chunks_head/} after a restart: walks every entry of every
 * segment in order, checks its checksum and reports it, and cuts the directory at the first entry
 * that is not whole (a torn tail after a crash). Runs before {@link HeadChunkFile#open}, on one
 * thread.
 */
public final class HeadChunkScanner {
  /** Receives each valid entry, in file order. */
  @FunctionalInterface
  public interface EntryVisitor {
    /**
     * @param ref the entry's chunk ref, for {@link HeadChunkFile#read}
     * @param length bytes of chunk data
     */
    void entry(long ref, long seriesRef, long mint, long maxt, Encoding enc, int length)
        throws IOException;
  }

  /**
   * What a scan found and repaired.
   *
   * @param entries valid entries reported
   * @param tornBytes bytes cut from the first damaged entry to the last non-zero byte after it (a
   *     tail of zeros, as a preallocated segment leaves after a crash, is not torn)
   * @param removedSegments later segments deleted because an earlier one was torn
   */
  public record Result(long entries, long tornBytes, int removedSegments) {}

  private static final int ZERO_BLOCK = 64 << 10;

  private HeadChunkScanner() {}

  /**
   * Scans {@code dir}; a missing directory has no entries.
   *
   * @throws CorruptionException on a segment with a wrong magic or an unknown version: that is not
   *     a torn write, and deleting data this build cannot read would be wrong
   */
  public static Result scan(Path dir, EntryVisitor visitor) throws IOException {
    if (!Files.isDirectory(dir)) {
      return new Result(0, 0, 0);
    }
    List<Integer> indexes = SegmentFiles.list(dir);
    long entries = 0;
    for (int i = 0; i < indexes.size(); i++) {
      Path path = dir.resolve(SegmentFiles.name(indexes.get(i)));
      Segment s = scanSegment(dir, indexes.get(i), visitor);
      entries += s.entries;
      if (s.validEnd < s.size || s.validEnd == 0) {
        truncate(path, s.validEnd);
      }
      if (s.tornBytes > 0) {
        int removed = 0;
        for (int j = i + 1; j < indexes.size(); j++) {
          Files.deleteIfExists(dir.resolve(SegmentFiles.name(indexes.get(j))));
          removed++;
        }
        SegmentFiles.syncDirectory(dir);
        return new Result(entries, s.tornBytes, removed);
      }
    }
    return new Result(entries, 0, 0);
  }

  private record Segment(long entries, long validEnd, long size, long tornBytes) {}

  private static Segment scanSegment(Path dir, int index, EntryVisitor visitor) throws IOException {
    MappedSegment s;
    try {
      s = MappedSegment.openReadOnly(dir, index, SegmentKind.HEAD);
    } catch (CorruptionException e) {
      Path path = dir.resolve(SegmentFiles.name(index));
      if (isZero(path)) {
        return new Segment(0, 0, Files.size(path), 0); // created, never written: drop it whole
      }
      throw e;
    }
    try (s) {
      ChunkBuf entry = new ChunkBuf();
      long size = s.capacity();
      long p = FormatHeader.SIZE;
      long entries = 0;
      while (p < size) {
        long next;
        try {
          next = s.verify(p, entry);
        } catch (CorruptionException notWhole) {
          long torn = lastNonZero(s.memory, p, size) + 1 - p;
          return new Segment(entries, p, size, torn);
        }
        visitor.entry(
            ChunkRef.of(index, p),
            entry.seriesRef(),
            entry.minTime(),
            entry.maxTime(),
            entry.encoding(),
            entry.length());
        entries++;
        p = next;
      }
      return new Segment(entries, p, size, 0);
    }
  }

  private static boolean isZero(Path path) throws IOException {
    try (Arena arena = Arena.ofConfined();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return isZero(ch.map(MapMode.READ_ONLY, 0, ch.size(), arena), 0, ch.size());
    }
  }

  private static boolean isZero(MemorySegment m, long from, long to) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment zeros = a.allocate(ZERO_BLOCK);
      for (long p = from; p < to; p += ZERO_BLOCK) {
        long n = Math.min(ZERO_BLOCK, to - p);
        if (MemorySegment.mismatch(m, p, p + n, zeros, 0, n) >= 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** Position of the last non-zero byte in {@code [from, to)}, or {@code from - 1}. */
  private static long lastNonZero(MemorySegment m, long from, long to) {
    for (long blockEnd = to; blockEnd > from; blockEnd -= ZERO_BLOCK) {
      long blockStart = Math.max(from, blockEnd - ZERO_BLOCK);
      if (!isZero(m, blockStart, blockEnd)) {
        long p = blockEnd - 1;
        while (m.get(ValueLayout.JAVA_BYTE, p) == 0) {
          p--;
        }
        return p;
      }
    }
    return from - 1;
  }

  private static void truncate(Path path, long size) throws IOException {
    if (size == 0) {
      Files.delete(path);
      return;
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
      ch.truncate(size);
      ch.force(true);
    }
  }
}
