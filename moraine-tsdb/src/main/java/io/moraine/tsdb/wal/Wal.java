package io.moraine.tsdb.wal;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.time.Clock;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: an append-only sequence of records in numbered segment files (format in
 * {@code docs/format/wal.md}). A record is opaque bytes whose first byte is its type (1..255).
 *
 * <p>Thread-safe. {@link #log} may be called from many threads at once: callers share write system
 * calls (group commit: whoever finds the log idle writes the batches of everyone waiting), and the
 * records of one call are contiguous, never interleaved with another call's. {@link #log} returns
 * once the bytes are written to the OS (they survive a process crash); fsync follows {@link
 * WalOptions#fsyncIntervalMillis()}. The owner closes the WAL; no thread is started.
 *
 * <p>On open the last segment's torn or corrupt tail is cut off (counted and logged); corruption in
 * earlier segments is found by the replay, which hands it to {@link #repair}.
 */
public final class Wal implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Wal.class);

  /**
   * Why 1 MiB: one write(2) per MiB puts syscall overhead well under 1% of the copy cost, while
   * bounding the off-heap memory of a WAL; a larger group is written in several calls.
   */
  private static final int WRITE_BUFFER_BYTES = 1 << 20;

  private final Path dir;
  private final WalOptions options;
  private final WalMetrics metrics;
  private final Clock clock;
  private final long fsyncIntervalNanos;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // guarded by lock
  private final ArrayList<Batch> queue = new ArrayList<>();
  private boolean ioBusy;
  private boolean closed;

  // guarded by the I/O permit (ioBusy), published through lock
  private SegmentFile segment;
  private final ByteBuffer writeBuf = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
  private long completedBytes;
  private long lastSyncNanos;
  private boolean unsynced;
  private @Nullable IOException broken;

  private volatile int firstSegment;
  private volatile int lastSegment;

  private Wal(Path dir, WalOptions options, WalMetrics metrics, Clock clock, Recovery.Opened o) {
    this.dir = dir;
    this.options = options;
    this.metrics = metrics;
    this.clock = clock;
    this.fsyncIntervalNanos = TimeUnit.MILLISECONDS.toNanos(options.fsyncIntervalMillis());
    this.segment = o.segment();
    this.firstSegment = o.first();
    this.lastSegment = o.segment().number();
    this.completedBytes = o.completedBytes();
    this.lastSyncNanos = clock.nanoTime();
    metrics.currentSegment.set(lastSegment);
    metrics.sizeBytes.set(completedBytes + segment.size());
  }

  /**
   * Opens (or creates) the WAL in {@code dir}, cutting off a torn tail of the last segment.
   *
   * @throws CorruptionException if the last segment is of another format or an unknown version
   */
  public static Wal open(Path dir, WalOptions options, WalMetrics metrics, Clock clock)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(clock, "clock");
    Files.createDirectories(dir);
    Checkpoint.deleteUnfinished(dir);
    Recovery.Opened o = Recovery.open(dir, options, metrics);
    return new Wal(dir, options, metrics, clock, o);
  }

  /** The directory holding the segments. */
  public Path dir() {
    return dir;
  }

  /** The segments on disk; {@code last} is being written. */
  public SegmentRange segments() {
    return new SegmentRange(firstSegment, lastSegment);
  }

  /**
   * Appends the records, each the remaining bytes of a buffer (type byte first), as one
   * uninterrupted batch. The buffers are read, not consumed, and must not change until this
   * returns; afterwards they may be reused.
   *
   * @throws IllegalArgumentException on an empty record, type 0 or a record larger than {@link
   *     WalOptions#maxRecordBytes()}; nothing is written then
   * @throws IOException if writing failed; the records may or may not be in the log
   */
  public void log(ByteBuffer... records) throws IOException {
    Batch b = Batch.of(records, options.maxRecordBytes());
    lock.lock();
    try {
      if (closed) {
        throw new IOException("WAL " + dir + " is closed");
      }
      queue.add(b);
      while (!b.done) {
        if (!ioBusy) {
          ioBusy = true;
          List<Batch> group = new ArrayList<>(queue);
          queue.clear();
          lock.unlock();
          runGroup(group);
        } else {
          changed.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
    metrics.logCalls.inc();
    Exception e = b.error;
    if (e != null) {
      throw new IOException("WAL write to " + dir + " failed: " + e.getMessage(), e);
    }
  }

  /** {@link #log(ByteBuffer...)} for records held in whole arrays. */
  public void log(byte[]... records) throws IOException {
    ByteBuffer[] bufs = new ByteBuffer[records.length];
    for (int i = 0; i < records.length; i++) {
      bufs[i] = ByteBuffer.wrap(records[i]);
    }
    log(bufs);
  }

  /** Writes a group with the I/O permit held; returns with {@code lock} held again. */
  private void runGroup(List<Batch> group) {
    Exception error = null;
    try {
      writeGroup(group);
    } catch (IOException | RuntimeException e) {
      error = e;
    } finally {
      lock.lock();
      for (Batch g : group) {
        g.error = error;
        g.done = true;
      }
      ioBusy = false;
      changed.signalAll();
    }
  }

  private void writeGroup(List<Batch> group) throws IOException {
    IOException b = broken;
    if (b != null) {
      throw new IOException("WAL unusable after an earlier failure", b);
    }
    int startSegment = segment.number();
    long startSize = segment.size();
    boolean hadInterrupt = Thread.interrupted(); // a pending interrupt would close the channel
    try {
      for (Batch batch : group) {
        if (used() + batch.frameBytes > options.maxSegmentBytes()
            && used() > Segments.HEADER_BYTES) {
          flush();
          cutHoldingPermit();
        }
        for (int i = 0; i < batch.records.length; i++) {
          appendFrame(batch.records[i], batch.crcs[i]);
        }
      }
      flush();
      metrics.writes.inc();
      unsynced = true;
      if (fsyncIntervalNanos == 0 || clock.nanoTime() - lastSyncNanos >= fsyncIntervalNanos) {
        syncHoldingPermit();
      }
    } catch (IOException e) {
      metrics.writeFailures.inc();
      writeBuf.clear();
      recoverFromFailedWrite(startSegment, startSize, e);
      throw e;
    } finally {
      if (hadInterrupt) {
        Thread.currentThread().interrupt();
      }
      metrics.sizeBytes.set(completedBytes + segment.size());
    }
  }

  /** Bytes the current segment will hold once the write buffer is flushed. */
  private long used() {
    return segment.size() + writeBuf.position();
  }

  private void appendFrame(ByteBuffer record, int crc) throws IOException {
    int len = record.remaining();
    if (used() + Segments.FRAME_HEADER_BYTES + len > options.maxSegmentBytes()) {
      flush();
      cutHoldingPermit();
    }
    if (writeBuf.remaining() < Segments.FRAME_HEADER_BYTES) {
      flush();
    }
    writeBuf.putInt(len).putInt(crc);
    ByteBuffer src = record.duplicate();
    while (src.hasRemaining()) {
      if (!writeBuf.hasRemaining()) {
        flush();
      }
      int n = Math.min(src.remaining(), writeBuf.remaining());
      writeBuf.put(writeBuf.position(), src, src.position(), n);
      writeBuf.position(writeBuf.position() + n);
      src.position(src.position() + n);
    }
  }

  private void flush() throws IOException {
    writeBuf.flip();
    long before = segment.size();
    segment.write(writeBuf);
    metrics.bytesWritten.add(segment.size() - before);
    writeBuf.clear();
  }

  /**
   * After a failed write: cut the current segment back to a frame boundary so that later records do
   * not follow a torn one. If even that fails the WAL refuses further writes.
   */
  private void recoverFromFailedWrite(int startSegment, long startSize, IOException cause) {
    long good = segment.number() == startSegment ? startSize : Segments.HEADER_BYTES;
    try {
      segment.rollBack(good);
      LOG.atWarn()
          .addKeyValue("segment", segment.number())
          .addKeyValue("size", good)
          .addKeyValue("error", cause.toString())
          .log("wal write failed, rolled back");
    } catch (IOException e) {
      e.addSuppressed(cause);
      broken = e;
      LOG.atError()
          .addKeyValue("dir", dir)
          .setCause(e)
          .log("wal write failed and rollback failed; WAL refuses writes");
    }
  }

  /**
   * Forces written records to stable storage. Call it every {@link
   * WalOptions#fsyncIntervalMillis()} when that is not 0.
   */
  public void sync() throws IOException {
    acquireIo();
    try {
      ensureUsable();
      syncHoldingPermit();
    } finally {
      releaseIo();
    }
  }

  private void syncHoldingPermit() throws IOException {
    long start = clock.nanoTime();
    try {
      segment.sync();
    } catch (IOException e) {
      // after a failed fsync the page cache state is unknown: never pretend later ones succeed
      metrics.writeFailures.inc();
      broken = e;
      throw e;
    }
    long end = clock.nanoTime();
    metrics.fsyncDuration.observe((end - start) / 1e9);
    lastSyncNanos = end;
    unsynced = false;
  }

  /**
   * Completes the current segment (fsynced) and starts the next one.
   *
   * @return the number of the new segment
   */
  public int cut() throws IOException {
    acquireIo();
    try {
      ensureUsable();
      cutHoldingPermit();
      return segment.number();
    } finally {
      releaseIo();
    }
  }

  private void cutHoldingPermit() throws IOException {
    syncHoldingPermit();
    segment.close();
    completedBytes += segment.size();
    segment = SegmentFile.create(dir, segment.number() + 1);
    lastSegment = segment.number();
    metrics.currentSegment.set(lastSegment);
    metrics.sizeBytes.set(completedBytes + segment.size());
  }

  /**
   * Deletes the segments numbered below {@code segment} (oldest first, so a crash leaves no gap).
   *
   * @throws IllegalArgumentException if that would delete the segment being written
   */
  public void truncateBefore(int segment) throws IOException {
    acquireIo();
    try {
      if (segment > lastSegment) {
        throw new IllegalArgumentException(
            "cannot truncate before " + segment + ": segment " + lastSegment + " is being written");
      }
      try {
        for (int n = firstSegment; n < segment; n++) {
          Path p = Segments.path(dir, n);
          long size = Files.size(p);
          Files.delete(p);
          completedBytes -= size;
          firstSegment = n + 1;
        }
        Segments.fsyncDir(dir);
        metrics.truncations.inc();
      } catch (IOException e) {
        metrics.truncationsFailed.inc();
        throw e;
      } finally {
        metrics.sizeBytes.set(completedBytes + this.segment.size());
      }
    } finally {
      releaseIo();
    }
  }

  /**
   * Recovers from a corrupt record that {@link WalReader} found in a segment of this WAL: cuts that
   * segment at the corruption, deletes every later segment and continues in a new segment right
   * after it, so that new records never follow a hole. Call it before logging anything, as it
   * deletes the segment being written.
   *
   * @throws IllegalArgumentException if the file is not a segment of this WAL
   * @throws CorruptionException (the one given) if it lies in a segment header: that may be a
   *     version this build cannot read, which must not be destroyed
   */
  public void repair(CorruptionException e) throws IOException {
    acquireIo();
    try {
      ensureUsable();
      int n = Recovery.repairableSegment(dir, e, firstSegment, lastSegment);
      segment.close();
      Recovery.Opened o;
      try {
        o = Recovery.repair(dir, e, n, firstSegment, lastSegment, metrics);
      } catch (IOException failed) {
        broken = failed; // the segment is closed and the directory half repaired: reopen the WAL
        throw failed;
      }
      segment = o.segment();
      lastSegment = segment.number();
      completedBytes = o.completedBytes();
      metrics.currentSegment.set(lastSegment);
      metrics.sizeBytes.set(completedBytes + segment.size());
    } finally {
      releaseIo();
    }
  }

  /** Writes what is queued, fsyncs and closes. Idempotent. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    acquireIo();
    try {
      drainQueueHoldingPermit();
      if (broken == null && unsynced) {
        syncHoldingPermit();
      }
    } finally {
      try {
        segment.close();
      } finally {
        releaseIo();
      }
    }
  }

  private void drainQueueHoldingPermit() {
    lock.lock();
    List<Batch> group = new ArrayList<>(queue);
    queue.clear();
    lock.unlock();
    if (!group.isEmpty()) {
      runGroup(group); // returns holding lock, with the permit released
      ioBusy = true;
      lock.unlock();
    }
  }

  private void ensureUsable() throws IOException {
    IOException b = broken;
    if (b != null) {
      throw new IOException("WAL unusable after an earlier failure", b);
    }
    if (closed) {
      throw new IOException("WAL " + dir + " is closed");
    }
  }

  private void acquireIo() {
    lock.lock();
    try {
      while (ioBusy) {
        changed.awaitUninterruptibly();
      }
      ioBusy = true;
    } finally {
      lock.unlock();
    }
  }

  private void releaseIo() {
    lock.lock();
    try {
      ioBusy = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
