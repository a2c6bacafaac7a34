package io.moraine.tsdb.head;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory head of the store: the newest samples, in open XOR chunks on the heap and full
 * chunks memory-mapped from {@code chunks_head/}. Thread-safe.
 *
 * <p>Appends become visible at commit, after the WAL write. Replay calls {@link #replaySeries} and
 * {@link #replaySample} before any appender is handed out.
 */
public final class Head {
  private final long chunkRangeMillis;
  private final HeadChunks chunks;
  private final HeadLog log;
  private final HeadStats stats = new HeadStats();
  private final SeriesTable table = new SeriesTable();
  private final MemPostings postings = new MemPostings();
  private final AtomicLong minT = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxT = new AtomicLong(Long.MIN_VALUE);

  /** Samples before this were compacted into blocks; the head refuses them. */
  private volatile long minValidTime = Long.MIN_VALUE;

  /**
   * @param chunkRangeMillis chunks never span a multiple of this (the block range), so head
   *     compaction takes whole chunks
   */
  public Head(long chunkRangeMillis, HeadChunks chunks, HeadLog log) {
    this.chunkRangeMillis = chunkRangeMillis;
    this.chunks = chunks;
    this.log = log;
  }

  private final java.util.concurrent.atomic.AtomicInteger readers =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A pinned reader of the head over {@code [mint, maxt]} for querying or compaction; the caller
   * releases it.
   */
  public io.moraine.tsdb.query.BlockReader reader(long mint, long maxt) {
    readers.incrementAndGet();
    return new HeadReader(this, mint, maxt);
  }

  void unpin() {
    readers.decrementAndGet();
  }

  /** Readers currently pinning the head (chunk files are deleted only when none). */
  public int pinnedReaders() {
    return readers.get();
  }

  /** A new appender; see {@link Appender}. */
  public Appender appender() {
    long max = maxT.get();
    long bound = minValidTime;
    if (max != Long.MIN_VALUE) {
      // As Prometheus: at most half a block range behind the newest sample.
      bound = Math.max(bound, max - chunkRangeMillis / 2);
    }
    return new HeadAppender(this, bound);
  }

  MemSeries getOrCreate(Labels labels) {
    return table.getOrCreate(labels, 0, this::created);
  }

  private void created(MemSeries s) {
    postings.add(s.id, s.labels);
    stats.seriesCreated.increment();
  }

  private final AtomicLong commitSeq = new AtomicLong();

  /** Commits being applied, guarded by itself. */
  private final java.util.TreeSet<Long> openCommits = new java.util.TreeSet<>();

  /** Starts applying a commit; its samples are invisible to readers until {@link #endCommit}. */
  long beginCommit() {
    synchronized (openCommits) {
      long seq = commitSeq.incrementAndGet();
      openCommits.add(seq);
      return seq;
    }
  }

  void endCommit(long seq) {
    synchronized (openCommits) {
      openCommits.remove(seq);
    }
  }

  /** The newest commit such that it and every earlier one are complete. */
  long snapshotSeq() {
    synchronized (openCommits) {
      return openCommits.isEmpty() ? commitSeq.get() : openCommits.first() - 1;
    }
  }

  /** Applies a logged batch. */
  void apply(MemSeries[] series, long[] ts, double[] vs, int n) {
    long seq = beginCommit();
    try {
      applyAs(series, ts, vs, n, seq);
    } finally {
      endCommit(seq);
    }
  }

  private void applyAs(MemSeries[] series, long[] ts, double[] vs, int n, long seq) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    int stored = 0;
    for (int i = 0; i < n; i++) {
      if (series[i].append(ts[i], vs[i], chunkRangeMillis, chunks, seq)) {
        stored++;
        lo = Math.min(lo, ts[i]);
        hi = Math.max(hi, ts[i]);
      } else if (!series[i].isNewest(ts[i], vs[i])) {
        stats.outOfOrder.increment(); // a concurrent appender committed a newer sample first
      }
    }
    stats.samplesAppended.add(stored);
    if (stored > 0) {
      updateRange(lo, hi);
    }
  }

  private void updateRange(long lo, long hi) {
    minT.accumulateAndGet(lo, Math::min);
    maxT.accumulateAndGet(hi, Math::max);
  }

  /** Replay: a series record from the WAL or a checkpoint (idempotent). */
  public void replaySeries(int ref, Labels labels) {
    MemSeries s = table.getOrCreate(labels, ref, this::created);
    s.logged = true;
  }

  /**
   * Replay: a sample record; returns false when the series is unknown or the sample is already held
   * (in an mmapped chunk) or older than the head's range.
   */
  public boolean replaySample(int ref, long t, double v) {
    MemSeries s = table.get(ref);
    if (s == null || t < minValidTime) {
      return false;
    }
    if (s.append(t, v, chunkRangeMillis, chunks, 0)) {
      stats.samplesAppended.increment();
      updateRange(t, t);
      return true;
    }
    return false;
  }

  /** Start-up: attaches a full chunk found in chunks_head/; false when the series is unknown. */
  public boolean attachMmapped(int seriesRef, long ref, long mint, long maxt) {
    MemSeries s = table.get(seriesRef);
    if (s == null) {
      return false;
    }
    s.addMmapped(ref, mint, maxt);
    updateRange(mint, maxt);
    return true;
  }

  /** Drops all data before {@code mint} (it is in a block now) and series left empty. */
  public List<Integer> truncate(long mint) {
    minValidTime = Math.max(minValidTime, mint);
    List<MemSeries> gone = new ArrayList<>();
    long lo = Long.MAX_VALUE;
    for (MemSeries s : table.all()) {
      if (s.truncateBefore(mint)) {
        gone.add(s);
      } else {
        lo = Math.min(lo, s.minTime());
      }
    }
    postings.delete(gone);
    table.remove(gone);
    stats.seriesRemoved.add(gone.size());
    minT.set(lo);
    if (lo == Long.MAX_VALUE) {
      maxT.set(Long.MIN_VALUE);
    }
    List<Integer> ids = new ArrayList<>(gone.size());
    for (MemSeries s : gone) {
      ids.add(s.id);
    }
    return ids;
  }

  /** Writes every open chunk to chunks_head/ (clean shutdown). */
  public void flushOpenChunks() {
    for (MemSeries s : table.all()) {
      s.flushOpen(chunks);
    }
  }

  public long minTime() {
    return minT.get();
  }

  public long maxTime() {
    return maxT.get();
  }

  public long minValidTime() {
    return minValidTime;
  }

  /**
   * Raises the lower bound once the head's data below {@code t} is in a block (head compaction).
   */
  public void setMinValidTime(long t) {
    minValidTime = Math.max(minValidTime, t);
  }

  /** Chunks held (open and mmapped); walks every series, for self-metrics only. */
  public long numChunks() {
    long n = 0;
    for (MemSeries s : table.all()) {
      n += s.numChunks();
    }
    return n;
  }

  public int numSeries() {
    return table.size();
  }

  /** Whether series {@code ref} is still in the head (checkpoints keep only these). */
  public boolean hasSeries(int ref) {
    return table.get(ref) != null;
  }

  public HeadStats stats() {
    return stats;
  }

  SeriesTable table() {
    return table;
  }

  MemPostings postings() {
    return postings;
  }

  HeadLog log() {
    return log;
  }

  HeadChunks chunks() {
    return chunks;
  }
}
