package io.moraine.logs.store;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.logs.wal.LogWal;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded log store: a WAL, an in-memory head of open and cut blocks per stream, and immutable
 * segment files per tenant, with retention. Thread-safe. Layout under {@code dir}: {@code wal/}
 * ({@code docs/format/logs-wal.md}) and {@code tenants/<hex>/<seq>.seg} ({@code
 * docs/format/logs-segment.md}).
 *
 * <p>Durability: {@code commit()} returns after the batch is written to the WAL (kill -9 safe;
 * fsync on {@link LogStoreOptions#walFsyncInterval()}). Opening replays the WAL; a torn tail is cut
 * and counted in {@code moraine_logs_wal_corruptions_total}.
 */
public final class LogStore implements LogAppendable, LogQueryable, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LogStore.class);

  private final LogStoreOptions options;
  private final Clock clock;
  private final Head head;
  private final LogWal wal;
  private final Segments segments;
  private final DiscardCounters discards;
  private final Counter walCorruptions;
  private final Counter backgroundFailures;
  private final Object commitLock = new Object();

  /** Commits and querier snapshots take it shared; publishing a flush or retention, exclusive. */
  final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();

  private final Flusher flusher;
  private final Retention retention;
  private final @Nullable ScheduledExecutorService background;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean flushQueued =
      new java.util.concurrent.atomic.AtomicBoolean();

  private LogStore(
      Path dir, LogStoreOptions options, Clock clock, @Nullable DiscardCounters discards)
      throws IOException {
    this.options = options;
    this.clock = clock;
    MetricRegistry registry =
        options.registry() == null ? new MetricRegistry() : options.registry();
    this.head = new Head(options, clock);
    this.discards = discards == null ? DiscardCounters.register(registry) : discards;
    this.walCorruptions =
        registry
            .counter(
                "moraine_logs_wal_corruptions_total",
                "Torn or corrupt logs WAL tails cut off on open.")
            .labels();
    this.backgroundFailures =
        registry
            .counter(
                "moraine_logs_background_failures_total",
                "Failed runs of the log store's flush and retention loop.")
            .labels();
    this.segments = Segments.open(dir.resolve("tenants"));
    this.wal =
        LogWal.open(
            dir.resolve("wal"),
            options.walSegmentBytes(),
            options.walFsyncInterval().toMillis(),
            clock,
            walCorruptions::inc);
    FlushedPositions flushed = FlushedPositions.load(dir.resolve("flushed"));
    replay(dir, flushed);
    this.flusher = new Flusher(this, head, segments, wal, flushed, options);
    this.retention = new Retention(this, segments, options, clock);
    registerGauges(registry);
    long every = options.flushInterval().toMillis();
    if (every > 0) {
      background =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("moraine-logs-flush").unstarted(r));
      background.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    } else {
      background = null;
    }
  }

  /**
   * Opens (creating when absent) the store in {@code dir} and replays its WAL.
   *
   * @throws CorruptionException when a file has another format or an unsupported version
   * @throws UncheckedIOException when the directory cannot be read or written
   */
  public static LogStore open(Path dir, LogStoreOptions options, Clock clock) {
    return open(dir, options, clock, null);
  }

  /**
   * Opens the store as {@link #open(Path, LogStoreOptions, Clock)}, counting its discards into
   * {@code discards} (shared with the push layer) instead of registering its own.
   */
  public static LogStore open(
      Path dir, LogStoreOptions options, Clock clock, @Nullable DiscardCounters discards) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(dir);
      return new LogStore(dir, options, clock, discards);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open log store in " + dir, e);
    }
  }

  private void replay(Path dir, FlushedPositions flushed) throws IOException {
    long[] records = new long[1];
    wal.replay(
        (pos, rec) -> {
          try {
            head.apply(rec, pos, flushed);
            records[0]++;
          } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new CorruptionException(
                dir.resolve("wal"),
                pos & 0xFFFFFFFFL,
                "logs WAL record in segment "
                    + LogWal.segmentOf(pos)
                    + " does not decode: "
                    + e.getMessage());
          }
        });
    LOG.atInfo()
        .addKeyValue("records", records[0])
        .addKeyValue("streams", head.streamCount())
        .log("logs WAL replayed");
  }

  private void registerGauges(MetricRegistry r) {
    r.gauge("moraine_logs_streams", "Streams in the log head.", () -> head.streamCount());
    r.gauge("moraine_logs_head_bytes", "Bytes of entries held in the log head.", head.bytes::get);
    r.gauge("moraine_logs_segments", "Log segment files.", () -> segments.count());
    r.gauge(
        "moraine_logs_bytes_on_disk",
        "Bytes of log segment files and WAL.",
        () -> segments.bytes() + wal.sizeBytes());
    r.counter(
        "moraine_logs_entries_appended_total",
        "Log entries accepted by the store.",
        head.entriesAppended::get);
  }

  /** The options the store was opened with. */
  public LogStoreOptions options() {
    return options;
  }

  /** The discard counters shared with the push layer. */
  public DiscardCounters discards() {
    return discards;
  }

  @Override
  public LogAppender appender(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    ensureOpen();
    return new HeadAppender(this, tenant, head.tenant(tenant));
  }

  /** Logs a batch record to the WAL and applies it to the head; the entries added. */
  int commit(byte[] record) {
    ensureOpen();
    int added;
    stateLock.readLock().lock();
    try {
      synchronized (commitLock) {
        long pos;
        try {
          pos = wal.append(record, 0, record.length);
        } catch (IOException e) {
          throw LogWal.unchecked(e);
        }
        added = head.apply(ByteBuffer.wrap(record), pos, null);
      }
    } finally {
      stateLock.readLock().unlock();
    }
    if (head.bytes.get() > options.maxHeadBytes()
        && background != null
        && !closed
        && flushQueued.compareAndSet(false, true)) {
      background.execute(
          () -> {
            flushQueued.set(false);
            tick();
          });
    }
    return added;
  }

  @Override
  public LogQuerier querier(String tenant, long minNanos, long maxNanos) {
    Objects.requireNonNull(tenant, "tenant");
    ensureOpen();
    stateLock.readLock().lock();
    try {
      // under the commit lock, so that a querier sees whole batches only
      synchronized (commitLock) {
        return new StoreQuerier(
            head.existingTenant(tenant), segments.retain(tenant), minNanos, maxNanos);
      }
    } finally {
      stateLock.readLock().unlock();
    }
  }

  /**
   * Writes cut blocks, aged or idle open blocks (every block when the head is over {@code
   * maxHeadBytes}) to a segment file per tenant, then truncates the WAL.
   */
  public void flush() {
    flusher.flush(false);
  }

  /** Writes every block of the head to segment files and truncates the WAL. */
  public void flushAll() {
    flusher.flush(true);
  }

  /** Applies time, size and per-stream retention now. */
  public void enforceRetention() {
    retention.enforce();
  }

  private void tick() {
    if (closed) {
      return;
    }
    try {
      flusher.flush(false);
      retention.enforce();
      wal.sync();
    } catch (IOException | RuntimeException e) {
      backgroundFailures.inc();
      LOG.atWarn().setCause(e).log("log store flush or retention failed");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("log store is closed");
    }
  }

  /**
   * Stops the background loop and closes the WAL and segment files. Head blocks stay in the WAL
   * (replayed on the next open).
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (background != null) {
      background.shutdown();
      try {
        background.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (commitLock) {
      wal.close();
    }
    segments.close();
  }

  Clock clock() {
    return clock;
  }
}
