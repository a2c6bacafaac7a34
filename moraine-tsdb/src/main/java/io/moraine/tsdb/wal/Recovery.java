package io.moraine.tsdb.wal;

import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bringing a WAL directory into a state that can be appended to: gaps, torn headers and torn or
 * corrupt tails are cut off (see "Recovery on open" in wal.md).
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /** What open found: the segment to append to, the first segment, bytes of the others. */
  record Opened(SegmentFile segment, int first, long completedBytes) {}

  static Opened open(Path dir, WalOptions options, WalMetrics metrics) throws IOException {
    int[] segs = Segments.list(dir);
    if (segs.length == 0) {
      return new Opened(SegmentFile.create(dir, 1), 1, 0);
    }
    int end = 1;
    while (end < segs.length && segs[end] == segs[end - 1] + 1) {
      end++;
    }
    if (end < segs.length) {
      metrics.corruptions.inc();
      LOG.atWarn()
          .addKeyValue("dir", dir)
          .addKeyValue("missing", Segments.name(segs[end - 1] + 1))
          .addKeyValue("deleted", segs.length - end)
          .log("wal segments have a gap; deleting the segments after it");
      for (int i = segs.length - 1; i >= end; i--) {
        Files.delete(Segments.path(dir, segs[i]));
      }
      Segments.fsyncDir(dir);
    }
    int last = segs[end - 1];
    long completed = 0;
    for (int i = 0; i < end - 1; i++) {
      completed += Files.size(Segments.path(dir, segs[i]));
    }
    SegmentFile seg = openLast(dir, last, metrics);
    if (seg.size() + Segments.FRAME_HEADER_BYTES + 1 > options.maxSegmentBytes()) {
      seg.close();
      completed += seg.size();
      seg = SegmentFile.create(dir, last + 1);
    }
    return new Opened(seg, segs[0], completed);
  }

  /** Opens the last segment for appending after its last good record. */
  private static SegmentFile openLast(Path dir, int n, WalMetrics metrics) throws IOException {
    Path p = Segments.path(dir, n);
    if (tornHeader(p)) {
      metrics.corruptions.inc();
      LOG.atWarn()
          .addKeyValue("file", p)
          .addKeyValue("size", Files.size(p))
          .log("wal segment header torn, rewriting it");
      return SegmentFile.recreate(dir, n);
    }
    long size = Files.size(p);
    long good = size;
    try (WalReader r = new WalReader(List.of(p))) {
      while (r.next()) {
        // only checking
      }
    } catch (CorruptionException e) {
      if (e.offset() < Segments.HEADER_BYTES) {
        throw e; // another format or a newer version: refuse rather than destroy it
      }
      good = e.offset();
      metrics.corruptions.inc();
      LOG.atWarn()
          .addKeyValue("file", p)
          .addKeyValue("offset", good)
          .addKeyValue("droppedBytes", size - good)
          .addKeyValue("reason", e.getMessage())
          .log("wal tail torn or corrupt, truncating");
    }
    return SegmentFile.openForAppend(dir, n, good);
  }

  /** A header cut short or all zero: the file was created but its header never reached disk. */
  private static boolean tornHeader(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      if (ch.size() < Segments.HEADER_BYTES) {
        return true;
      }
      ByteBuffer h = ByteBuffer.allocate(Segments.HEADER_BYTES);
      while (h.hasRemaining() && ch.read(h, h.position()) >= 0) {
        // read fully
      }
      for (int i = 0; i < Segments.HEADER_BYTES; i++) {
        if (h.get(i) != 0) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Checks that {@code e} lies in a record of one of the segments {@code first..last} in {@code
   * dir}; returns that segment's number.
   */
  static int repairableSegment(Path dir, CorruptionException e, int first, int last)
      throws IOException {
    Path file = e.file();
    Path parent = file.toAbsolutePath().getParent();
    int n = Segments.parse(file.getFileName().toString());
    if (parent == null || !Files.isSameFile(parent, dir) || n < first || n > last) {
      throw new IllegalArgumentException("not a segment of the WAL in " + dir + ": " + file);
    }
    if (e.offset() < Segments.HEADER_BYTES) {
      throw e;
    }
    return n;
  }

  /**
   * Cuts segment {@code n} at {@code e.offset()}, deletes the later ones and creates the next
   * segment. The caller checked {@link #repairableSegment} and closed the current segment.
   */
  static Opened repair(
      Path dir, CorruptionException e, int n, int first, int last, WalMetrics metrics)
      throws IOException {
    Path file = Segments.path(dir, n);
    metrics.corruptions.inc();
    LOG.atWarn()
        .addKeyValue("file", file)
        .addKeyValue("offset", e.offset())
        .addKeyValue("deletedSegments", last - n)
        .addKeyValue("reason", e.getMessage())
        .log("wal corrupt record, truncating and deleting later segments");
    for (int k = last; k > n; k--) {
      Files.deleteIfExists(Segments.path(dir, k));
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(e.offset());
      ch.force(false);
    }
    Segments.fsyncDir(dir);
    long completed = 0;
    for (int k = first; k <= n; k++) {
      completed += Files.size(Segments.path(dir, k));
    }
    return new Opened(SegmentFile.create(dir, n + 1), first, completed);
  }
}
