package io.moraine.agent.logtail;

import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk queue of sealed, unacknowledged batches, one file each under {@code <data>/spool}.
 * Thread-safe: the tailer adds, the sender takes the oldest and removes it once acknowledged. Only
 * an index (sequence number, size) is held in memory.
 */
final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final String SUFFIX = ".batch";

  private final Path dir;
  private final LogMetrics metrics;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final TreeMap<Long, Long> sizes = new TreeMap<>();
  private long bytes;

  Spool(Path dir, LogMetrics metrics) throws IOException {
    this.dir = dir;
    this.metrics = metrics;
    Files.createDirectories(dir);
  }

  /**
   * Indexes the batches left by an earlier run: deletes those at or below {@code ackedSeq} and
   * corrupt ones (counted), returns the others in sequence order.
   */
  List<SpooledBatch> load(long ackedSeq) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      ds.forEach(files::add);
    }
    files.sort(null);
    List<SpooledBatch> out = new ArrayList<>();
    for (Path f : files) {
      SpooledBatch b;
      try {
        b = StateFiles.readBatch(f);
      } catch (CorruptionException e) {
        LOG.atError()
            .addKeyValue("file", f)
            .addKeyValue("reason", e.getMessage())
            .log("corrupt log spool batch deleted");
        metrics.dropped("spool_corrupt", 0);
        Files.deleteIfExists(f);
        continue;
      }
      if (b.seq() <= ackedSeq) {
        Files.deleteIfExists(f);
        continue;
      }
      out.add(b);
      index(b.seq(), Files.size(f));
    }
    return out;
  }

  /** Writes {@code b} durably and makes it visible to {@link #awaitOldest}. */
  void add(SpooledBatch b) throws IOException {
    Path f = file(b.seq());
    StateFiles.writeBatch(f, b);
    index(b.seq(), Files.size(f));
  }

  private void index(long seq, long size) {
    lock.lock();
    try {
      sizes.put(seq, size);
      bytes += size;
      metrics.spoolBytes(bytes);
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The oldest batch, waiting up to {@code timeoutNanos} for one; null when none came. */
  @Nullable SpooledBatch awaitOldest(long timeoutNanos) throws IOException, InterruptedException {
    long seq;
    lock.lock();
    try {
      long left = timeoutNanos;
      while (sizes.isEmpty()) {
        if (left <= 0) {
          return null;
        }
        left = added.awaitNanos(left);
      }
      seq = sizes.firstKey();
    } finally {
      lock.unlock();
    }
    return StateFiles.readBatch(file(seq));
  }

  /** Deletes batch {@code seq} (acknowledged or dropped). */
  void remove(long seq) throws IOException {
    Files.deleteIfExists(file(seq));
    lock.lock();
    try {
      Long size = sizes.remove(seq);
      if (size != null) {
        bytes -= size;
      }
      metrics.spoolBytes(bytes);
    } finally {
      lock.unlock();
    }
  }

  /** Bytes of the batches not yet removed. */
  long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  private Path file(long seq) {
    return dir.resolve(String.format("%016x", seq) + SUFFIX);
  }
}
