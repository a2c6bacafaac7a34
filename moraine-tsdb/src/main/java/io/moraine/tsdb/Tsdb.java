package io.moraine.tsdb;

import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.block.Block;
import io.moraine.tsdb.block.BlockMeta;
import io.moraine.tsdb.compact.BlockWriter;
import io.moraine.tsdb.compact.CompactionPlanner;
import io.moraine.tsdb.head.Head;
import io.moraine.tsdb.query.BlockQuerier;
import io.moraine.tsdb.query.BlockReader;
import io.moraine.tsdb.query.MergeQuerier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: a WAL-backed head plus immutable blocks, compacted and retained in the
 * background. Thread-safe. Open with {@link #open}; {@link #close} flushes the head's open chunks
 * to disk and closes the WAL.
 */
public final class Tsdb implements Storage {
  private static final Logger LOG = LoggerFactory.getLogger(Tsdb.class);

  private final Path dir;
  private final TsdbOptions options;
  private final Clock clock;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final HeadStorage headStorage;
  private final Head head;
  private final TsdbMetrics metrics;
  private final CompactionPlanner planner;
  private final ReentrantLock compactionLock = new ReentrantLock();
  private final ScheduledExecutorService background;
  private volatile List<Block> blocks;
  private volatile boolean closed;

  /** A head truncation waiting for readers opened before its block existed; MIN_VALUE if none. */
  private long pendingTruncation = Long.MIN_VALUE;

  private Tsdb(
      Path dir,
      TsdbOptions options,
      Clock clock,
      FileChannel lockChannel,
      FileLock lock,
      List<Block> blocks,
      MetricRegistry registry)
      throws IOException {
    this.dir = dir;
    this.options = options;
    this.clock = clock;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.blocks = List.copyOf(blocks);
    this.planner = new CompactionPlanner(options.blockRangeMillis(), options.maxBlockMillis());
    this.metrics = new TsdbMetrics(registry);
    this.headStorage = HeadStorage.open(dir, options, clock, registry);
    this.head = headStorage.head();
    // Every acknowledged sample in the WAL goes back into the head, even where blocks (an import,
    // or a head block whose WAL truncation was still pending) cover its time: overlapping blocks
    // are merged by compaction, and queries merge equal samples, so nothing is lost or doubled.
    try {
      headStorage.replay();
    } catch (IOException | RuntimeException e) {
      headStorage.abandon();
      throw e;
    }
    metrics.bind(this);
    this.background =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "moraine-tsdb-compactor");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1_000, options.compactionIntervalMillis());
    background.scheduleWithFixedDelay(this::backgroundTick, every, every, TimeUnit.MILLISECONDS);
    if (options.walFsyncIntervalMillis() > 0) {
      background.scheduleWithFixedDelay(
          headStorage::syncQuietly,
          options.walFsyncIntervalMillis(),
          options.walFsyncIntervalMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Opens (creating when needed) the store in {@code dir}: loads blocks, replays the WAL into the
   * head, and starts background compaction.
   *
   * @throws IOException when the directory cannot be used, or is locked by another process
   */
  public static Tsdb open(Path dir, TsdbOptions options, Clock clock, MetricRegistry registry)
      throws IOException {
    Files.createDirectories(dir);
    FileChannel ch =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IOException("data directory " + dir + " is in use by another process");
    }
    List<Block> blocks = List.of();
    try {
      blocks = BlockDirectory.load(dir);
      return new Tsdb(dir, options, clock, ch, lock, blocks, registry);
    } catch (IOException | RuntimeException e) {
      for (Block b : blocks) {
        b.retire(false);
      }
      lock.release();
      ch.close();
      throw e;
    }
  }

  @Override
  public Appender appender() {
    ensureOpen();
    return head.appender();
  }

  @Override
  public Querier querier(long mint, long maxt) {
    ensureOpen();
    List<Querier> parts = new ArrayList<>();
    // One snapshot of blocks and head bound: head data below the bound is in a block already
    // (and may still be in the head until older readers are done).
    synchronized (this) {
      try {
        for (Block b : blocks) {
          if (b.maxTime() > mint && b.minTime() <= maxt) {
            parts.add(new BlockQuerier(b.reader(), mint, maxt));
          }
        }
        long headMint = Math.max(mint, head.minValidTime());
        if (headMint <= maxt) {
          parts.add(new BlockQuerier(head.reader(headMint, maxt), headMint, maxt));
        }
      } catch (RuntimeException e) {
        new MergeQuerier(parts).close();
        throw e;
      }
    }
    return new MergeQuerier(parts);
  }

  @Override
  public long minTime() {
    List<Block> bs = blocks;
    long min = head.minTime();
    if (!bs.isEmpty()) {
      min = Math.min(min, bs.get(0).minTime());
    }
    return min;
  }

  @Override
  public long maxTime() {
    long max = head.maxTime();
    for (Block b : blocks) {
      max = Math.max(max, b.maxTime() - 1);
    }
    return max;
  }

  /** The blocks on disk now, oldest first. */
  public List<BlockMeta> blocks() {
    List<BlockMeta> out = new ArrayList<>();
    for (Block b : blocks) {
      out.add(b.meta());
    }
    return out;
  }

  public Head head() {
    return head;
  }

  public Path dir() {
    return dir;
  }

  private void backgroundTick() {
    try {
      compact();
      applyRetention();
    } catch (RuntimeException | IOException e) {
      metrics.compactionFailed();
      LOG.atError()
          .addKeyValue("err", e.toString())
          .setCause(e)
          .log("background compaction failed");
    }
  }

  /**
   * Runs every due compaction now: head blocks while the head spans more than 1.5 block ranges,
   * then block merges as planned. Safe to call from any thread.
   */
  public void compact() throws IOException {
    compactionLock.lock();
    try {
      truncateIfUnpinned();
      while (!closed && headCompactable()) {
        compactHead();
      }
      while (!closed) {
        List<BlockMeta> group = planner.plan(blocks());
        if (group.isEmpty()) {
          break;
        }
        compactBlocks(group);
      }
    } finally {
      compactionLock.unlock();
    }
  }

  private boolean headCompactable() {
    long lo = headDataMin();
    long hi = head.maxTime();
    return lo != Long.MAX_VALUE && hi - lo > options.blockRangeMillis() * 3 / 2;
  }

  /** The oldest head sample not yet in a block. */
  private long headDataMin() {
    long lo = head.minTime();
    long bound = head.minValidTime();
    return lo == Long.MAX_VALUE ? lo : Math.max(lo, bound);
  }

  /**
   * Writes the head's oldest block range to a block, then truncates the head and WAL behind it — at
   * once when no reader pins the head, else once the readers opened before are done.
   */
  void compactHead() throws IOException {
    long range = options.blockRangeMillis();
    long mint = Math.floorDiv(headDataMin(), range) * range;
    long maxt = mint + range;
    BlockMeta meta = writeBlock(List.of(head.reader(mint, maxt - 1)), mint, maxt, 1, List.of());
    List<Block> added = meta == null ? List.of() : List.of(Block.open(dir.resolve(meta.id())));
    synchronized (this) {
      swapBlocks(added, Set.of());
      head.setMinValidTime(maxt);
      pendingTruncation = maxt;
    }
    truncateIfUnpinned();
    metrics.compacted();
  }

  private void truncateIfUnpinned() throws IOException {
    long t;
    synchronized (this) {
      t = pendingTruncation;
      if (t == Long.MIN_VALUE || head.pinnedReaders() > 0) {
        return;
      }
      pendingTruncation = Long.MIN_VALUE;
    }
    headStorage.truncate(t);
  }

  private void compactBlocks(List<BlockMeta> group) throws IOException {
    Set<String> ids = new HashSet<>();
    List<BlockReader> readers = new ArrayList<>();
    long mint = Long.MAX_VALUE;
    long maxt = Long.MIN_VALUE;
    int level = 0;
    List<String> sources = new ArrayList<>();
    for (Block b : blocks) {
      if (group.contains(b.meta())) {
        ids.add(b.meta().id());
        readers.add(b.reader());
        mint = Math.min(mint, b.minTime());
        maxt = Math.max(maxt, b.maxTime());
        level = Math.max(level, b.meta().compaction().level());
        sources.addAll(b.meta().compaction().sources());
      }
    }
    BlockMeta meta = writeBlock(readers, mint, maxt, level + 1, sources);
    List<Block> added = meta == null ? List.of() : List.of(Block.open(dir.resolve(meta.id())));
    swapBlocks(added, ids);
    metrics.compacted();
    LOG.atInfo()
        .addKeyValue("sources", ids.size())
        .addKeyValue("into", meta == null ? "none" : meta.id())
        .addKeyValue("mint", mint)
        .addKeyValue("maxt", maxt)
        .log("compacted blocks");
  }

  private @Nullable BlockMeta writeBlock(
      List<BlockReader> readers, long mint, long maxt, int level, List<String> sources)
      throws IOException {
    List<Querier> parts = new ArrayList<>();
    for (BlockReader r : readers) {
      parts.add(new BlockQuerier(r, mint, maxt - 1));
    }
    try (MergeQuerier q = new MergeQuerier(parts);
        BlockWriter w = new BlockWriter(dir, mint, maxt, level, sources, clock)) {
      w.addAll(q.select(true, SelectHints.NONE, Matcher.re("__name__", ".+")));
      return w.finish();
    }
  }

  /** Swaps the block list: adds new blocks, retires (and deletes) replaced ones. */
  private synchronized void swapBlocks(List<Block> added, Set<String> removedIds) {
    List<Block> next = new ArrayList<>();
    List<Block> gone = new ArrayList<>();
    for (Block b : blocks) {
      (removedIds.contains(b.meta().id()) ? gone : next).add(b);
    }
    next.addAll(added);
    next.sort(Comparator.comparingLong(Block::minTime));
    blocks = List.copyOf(next);
    for (Block b : gone) {
      b.retire(true);
    }
  }

  /**
   * Deletes whole blocks past the retention: by time, counting back from the newest sample stored
   * (head or blocks, so imported history is kept), and by total size, oldest first.
   */
  public void applyRetention() {
    Set<String> drop =
        BlockDirectory.pastRetention(blocks, maxTime(), headStorage.sizeBytes(), options);
    if (!drop.isEmpty()) {
      LOG.atInfo().addKeyValue("count", drop.size()).log("retention deletes blocks");
      swapBlocks(List.of(), drop);
      metrics.retentionDeleted(drop.size());
    }
  }

  /** Bytes on disk: blocks, WAL and head chunks. */
  public long sizeBytes() {
    long total = headStorage.sizeBytes();
    for (Block b : blocks) {
      total += b.sizeBytes();
    }
    return total;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    background.shutdown();
    try {
      background.awaitTermination(60, TimeUnit.SECONDS);
      compactionLock.lock();
      try {
        headStorage.close();
      } finally {
        compactionLock.unlock();
      }
      for (Block b : blocks) {
        b.retire(false);
      }
      lock.release();
      lockChannel.close();
      LOG.atInfo().addKeyValue("dir", dir).log("store closed");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
