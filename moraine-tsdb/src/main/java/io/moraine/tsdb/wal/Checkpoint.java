package io.moraine.tsdb.wal;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A complete checkpoint {@code checkpoint.NNNNNNNN/} in a WAL directory: the filtered records of
 * the previous checkpoint and of every segment up to {@code segment}, stored as segments of the WAL
 * format. Replay reads it, then the segments after {@code segment} ({@link WalReader#replay}).
 *
 * <p>The static methods are not safe to run concurrently with each other on one directory; they may
 * run while the WAL is being appended to (they only read completed segments).
 */
public record Checkpoint(Path dir, int segment) {
  private static final String PREFIX = "checkpoint.";
  private static final String TMP_SUFFIX = ".tmp";

  /**
   * Why 1 MiB: the checkpoint's records are logged in batches of about this size, so each log call
   * is one write without holding the whole checkpoint in memory.
   */
  private static final int LOG_BATCH_BYTES = 1 << 20;

  /** A clock that never advances: the checkpoint's own WAL fsyncs only when done. */
  private static final Clock NO_TIME =
      new Clock() {
        @Override
        public long nowMillis() {
          return 0;
        }

        @Override
        public long nanoTime() {
          return 0;
        }
      };

  /**
   * Writes {@code checkpoint.<toSegment>} from the newest checkpoint (if any) and the segments
   * {@code fromSegment..toSegment}, keeping what {@code filter} returns. Atomic: written to a
   * {@code .tmp} directory, fsynced, then renamed. The caller then deletes segments up to {@code
   * toSegment} ({@link Wal#truncateBefore}) and older checkpoints ({@link #deleteOlder}). {@code
   * toSegment} must be a completed segment (below {@code wal.segments().last()}; {@link Wal#cut()}
   * makes one): the segment being written may read as torn.
   *
   * @throws IllegalArgumentException if a segment in the range is missing, or {@code fromSegment}
   *     leaves a gap after the newest checkpoint, or that checkpoint already covers {@code
   *     toSegment}
   */
  public static Checkpoint create(Path walDir, int fromSegment, int toSegment, RecordFilter filter)
      throws IOException {
    Optional<Checkpoint> prev = last(walDir);
    List<Path> inputs = new ArrayList<>();
    int start = fromSegment;
    if (prev.isPresent()) {
      int k = prev.get().segment();
      if (k >= toSegment) {
        throw new IllegalArgumentException("checkpoint " + k + " already covers " + toSegment);
      }
      if (fromSegment > k + 1) {
        throw new IllegalArgumentException(
            "segments " + (k + 1) + ".." + (fromSegment - 1) + " would be lost: checkpoint " + k);
      }
      start = Math.max(fromSegment, k + 1);
      inputs.addAll(Segments.files(prev.get().dir(), 0, false));
    }
    for (int n = start; n <= toSegment; n++) {
      Path p = Segments.path(walDir, n);
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("WAL segment " + p + " does not exist");
      }
      inputs.add(p);
    }
    Path tmp = walDir.resolve(PREFIX + Segments.name(toSegment) + TMP_SUFFIX);
    deleteRecursively(tmp);
    WalOptions opts = new WalOptions(WalOptions.DEFAULT.maxSegmentBytes(), Long.MAX_VALUE);
    try (WalReader in = new WalReader(inputs);
        Wal out = Wal.open(tmp, opts, new WalMetrics(new MetricRegistry()), NO_TIME)) {
      copy(in, out, filter);
    }
    Path dest = walDir.resolve(PREFIX + Segments.name(toSegment));
    deleteRecursively(dest);
    Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    Segments.fsyncDir(walDir);
    return new Checkpoint(dest, toSegment);
  }

  private static void copy(WalReader in, Wal out, RecordFilter filter) throws IOException {
    List<ByteBuffer> batch = new ArrayList<>();
    long batchBytes = 0;
    while (in.next()) {
      ByteBuffer kept = filter.apply(in.type(), in.record());
      if (kept == null) {
        continue;
      }
      byte[] copy = new byte[kept.remaining()];
      kept.duplicate().get(copy);
      batch.add(ByteBuffer.wrap(copy));
      batchBytes += copy.length;
      if (batchBytes >= LOG_BATCH_BYTES) {
        out.log(batch.toArray(new ByteBuffer[0]));
        batch.clear();
        batchBytes = 0;
      }
    }
    if (!batch.isEmpty()) {
      out.log(batch.toArray(new ByteBuffer[0]));
    }
  }

  /** The newest complete checkpoint in {@code walDir}, if any. */
  public static Optional<Checkpoint> last(Path walDir) throws IOException {
    Checkpoint best = null;
    for (Checkpoint c : list(walDir, false)) {
      if (best == null || c.segment() > best.segment()) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Deletes the checkpoints (complete or not) numbered below {@code segment}.
   *
   * @return how many were deleted
   */
  public static int deleteOlder(Path walDir, int segment) throws IOException {
    int deleted = 0;
    for (Checkpoint c : list(walDir, true)) {
      if (c.segment() < segment) {
        deleteRecursively(c.dir());
        deleted++;
      }
    }
    if (deleted > 0) {
      Segments.fsyncDir(walDir);
    }
    return deleted;
  }

  /** Deletes every {@code .tmp} checkpoint: left by a crash while writing one. */
  static void deleteUnfinished(Path walDir) throws IOException {
    for (Checkpoint c : list(walDir, true)) {
      if (c.dir().getFileName().toString().endsWith(TMP_SUFFIX)) {
        deleteRecursively(c.dir());
      }
    }
  }

  private static List<Checkpoint> list(Path walDir, boolean withTmp) throws IOException {
    List<Checkpoint> out = new ArrayList<>();
    if (!Files.isDirectory(walDir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(walDir, PREFIX + "*")) {
      for (Path p : ds) {
        String rest = p.getFileName().toString().substring(PREFIX.length());
        boolean tmp = rest.endsWith(TMP_SUFFIX);
        if (tmp) {
          rest = rest.substring(0, rest.length() - TMP_SUFFIX.length());
        }
        int n = Segments.parse(rest);
        if (n >= 0 && Files.isDirectory(p) && (withTmp || !tmp)) {
          out.add(new Checkpoint(p, n));
        }
      }
    }
    return out;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
