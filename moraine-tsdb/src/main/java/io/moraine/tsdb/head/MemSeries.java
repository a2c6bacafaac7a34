package io.moraine.tsdb.head;

import io.moraine.core.labels.Labels;
import io.moraine.tsdb.chunk.Encoding;
import io.moraine.tsdb.chunk.XorAppender;
import io.moraine.tsdb.chunkfile.ChunkBuf;
import io.moraine.tsdb.index.ChunkMetas;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One series in the head: its open chunk on the heap and the refs of its full chunks, which live
 * memory-mapped in {@code chunks_head/}. All mutable state is guarded by the instance's monitor.
 */
final class MemSeries {
  /** Samples per head chunk; Prometheus' figure, keeps an open chunk near 150-250 bytes. */
  static final int SAMPLES_PER_CHUNK = 120;

  private static final long[] NO_CHUNKS = new long[0];

  final int id;
  final Labels labels;

  /** Whether a SERIES record for this series is in the WAL (set before the log write). */
  volatile boolean logged;

  private @Nullable XorAppender open;

  /** Full chunks as triples (ref, mint, maxt), ascending in time. */
  private long[] mm = NO_CHUNKS;

  private int mmCount;

  /**
   * Sequence number of the first full chunk; the open chunk's is {@code firstSeq + mmCount}. Head
   * chunk refs handed to readers are these numbers, so a ref stays valid across cuts.
   */
  private long firstSeq;

  /** Newest committed sample. */
  private long maxT = Long.MIN_VALUE;

  private long lastBits;

  /** Newest sample accepted but not yet committed by the appender {@link #pendingOwner}. */
  private long pendingT = Long.MIN_VALUE;

  private long pendingBits;

  private @Nullable Object pendingOwner;

  /**
   * Isolation: the commit that stored the newest samples, and the newest time before it. A reader
   * whose snapshot predates that commit sees the series up to {@link #maxTBeforeCommit}. Exact when
   * the series had at most one commit since the reader's snapshot (one scrape interval).
   */
  private long lastCommitSeq;

  private long maxTBeforeCommit = Long.MIN_VALUE;

  MemSeries(int id, Labels labels) {
    this.id = id;
    this.labels = labels;
  }

  /** What {@link #check} decided. */
  enum Verdict {
    OK,
    /** Same time and same value as the newest: accepted, not stored again. */
    DUPLICATE_OK,
    OUT_OF_ORDER,
    DUPLICATE
  }

  /**
   * Checks a sample against the committed ones and those pending in the same appender (as
   * Prometheus, other appenders' pending samples do not count: the first to commit wins and the
   * other's sample is dropped then); on OK it becomes the owner's pending newest.
   */
  synchronized Verdict check(long t, double v, Object owner) {
    boolean mine = pendingOwner == owner && pendingT > maxT;
    long newest = mine ? pendingT : maxT;
    long newestBits = mine ? pendingBits : lastBits;
    long bits = Double.doubleToRawLongBits(v);
    if (newest != Long.MIN_VALUE) {
      if (t < newest) {
        return Verdict.OUT_OF_ORDER;
      }
      if (t == newest) {
        return bits == newestBits ? Verdict.DUPLICATE_OK : Verdict.DUPLICATE;
      }
    }
    pendingT = t;
    pendingBits = bits;
    pendingOwner = owner;
    return Verdict.OK;
  }

  /** Forgets the owner's pending state after a rollback. */
  synchronized void clearPending(Object owner) {
    if (pendingOwner == owner) {
      pendingT = Long.MIN_VALUE;
      pendingOwner = null;
    }
  }

  /** Whether a sample equal to (t, v) is the newest stored one (a lost race that lost nothing). */
  synchronized boolean isNewest(long t, double v) {
    return t == maxT && Double.doubleToRawLongBits(v) == lastBits;
  }

  /**
   * Stores a committed (or replayed) sample. Returns false when it is not newer than the newest
   * stored sample (a concurrent appender won, or replay overlaps mmapped chunks).
   */
  synchronized boolean append(
      long t, double v, long chunkBoundary, HeadChunks chunks, long commitSeq) {
    if (maxT != Long.MIN_VALUE && t <= maxT) {
      return false;
    }
    if (commitSeq != lastCommitSeq) {
      maxTBeforeCommit = maxT;
      lastCommitSeq = commitSeq;
    }
    XorAppender c = open;
    if (c != null
        && (c.numSamples() >= SAMPLES_PER_CHUNK
            || Math.floorDiv(t, chunkBoundary) != Math.floorDiv(c.minTime(), chunkBoundary))) {
      cut(c, chunks);
      c = null;
    }
    if (c == null) {
      c = new XorAppender();
      open = c;
    }
    c.append(t, v);
    maxT = t;
    lastBits = Double.doubleToRawLongBits(v);
    if (pendingT <= t) {
      pendingT = Long.MIN_VALUE;
      pendingOwner = null;
    }
    return true;
  }

  private void cut(XorAppender c, HeadChunks chunks) {
    long ref = chunks.write(id, c);
    addMmapped(ref, c.minTime(), c.maxTime());
    open = null;
  }

  /** Attaches a full chunk found in chunks_head/ at start-up. */
  synchronized void addMmapped(long ref, long mint, long maxt) {
    if (mmCount * 3 == mm.length) {
      mm = Arrays.copyOf(mm, Math.max(6, mm.length * 2));
    }
    mm[mmCount * 3] = ref;
    mm[mmCount * 3 + 1] = mint;
    mm[mmCount * 3 + 2] = maxt;
    mmCount++;
    if (maxt > maxT) {
      maxT = maxt;
    }
  }

  /** Writes the open chunk out as a full one (shutdown), so the head keeps nothing on the heap. */
  synchronized void flushOpen(HeadChunks chunks) {
    XorAppender c = open;
    if (c != null && c.numSamples() > 0) {
      cut(c, chunks);
    }
  }

  /**
   * Drops chunks that end before {@code mint}.
   *
   * @return true when the series holds no data any more and may be removed
   */
  synchronized boolean truncateBefore(long mint) {
    int keep = 0;
    int dropped = 0;
    for (int i = 0; i < mmCount; i++) {
      if (mm[i * 3 + 2] >= mint) {
        System.arraycopy(mm, i * 3, mm, keep * 3, 3);
        keep++;
      } else {
        dropped++;
      }
    }
    firstSeq += dropped;
    mmCount = keep;
    if (keep * 3 < mm.length / 2) {
      mm = keep == 0 ? NO_CHUNKS : Arrays.copyOf(mm, keep * 3);
    }
    XorAppender c = open;
    if (c != null && c.maxTime() < mint) {
      open = null;
      firstSeq++;
    }
    return mmCount == 0 && open == null && pendingOwner == null;
  }

  synchronized long maxTime() {
    return maxT;
  }

  synchronized long minTime() {
    if (mmCount > 0) {
      return mm[1];
    }
    XorAppender c = open;
    return c == null ? Long.MAX_VALUE : c.minTime();
  }

  /**
   * Fills {@code into} with (seq, mint, maxt) of every chunk, the open one last, as seen by a
   * reader whose snapshot is commit {@code snapshotSeq}: later commits' samples are cut off.
   */
  synchronized void chunkMetas(ChunkMetas into, long snapshotSeq) {
    into.clear();
    long visible = lastCommitSeq > snapshotSeq ? maxTBeforeCommit : maxT;
    for (int i = 0; i < mmCount; i++) {
      if (mm[i * 3 + 1] <= visible) {
        into.add(firstSeq + i, mm[i * 3 + 1], Math.min(mm[i * 3 + 2], visible));
      }
    }
    XorAppender c = open;
    if (c != null && c.numSamples() > 0 && c.minTime() <= visible) {
      into.add(firstSeq + mmCount, c.minTime(), Math.min(c.maxTime(), visible));
    }
  }

  /**
   * Resolves chunk {@code seq}: for a full chunk returns its chunks_head ref; for the open chunk
   * copies its bytes into {@code into} and returns {@link #COPIED}; {@link #GONE} when truncated.
   */
  synchronized long resolve(long seq, ChunkBuf into) {
    long i = seq - firstSeq;
    if (i < 0) {
      return GONE;
    }
    if (i < mmCount) {
      return mm[(int) i * 3];
    }
    XorAppender c = open;
    if (i == mmCount && c != null) {
      into.set(Encoding.XOR, c.bytes(), 0, c.length());
      return COPIED;
    }
    return GONE;
  }

  static final long COPIED = -1;
  static final long GONE = -2;

  synchronized int numChunks() {
    return mmCount + (open == null ? 0 : 1);
  }
}
