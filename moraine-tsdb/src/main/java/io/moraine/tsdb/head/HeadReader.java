package io.moraine.tsdb.head;

import io.moraine.core.labels.Labels;
import io.moraine.tsdb.chunkfile.ChunkBuf;
import io.moraine.tsdb.index.ChunkMetas;
import io.moraine.tsdb.index.IndexReader;
import io.moraine.tsdb.query.BlockReader;
import io.moraine.tsdb.query.ChunkSource;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * The head seen as a block: its index, chunks and range, pinned so that chunk files stay while it
 * is used. Series created after the reader was made are not seen.
 */
final class HeadReader implements BlockReader, IndexReader, ChunkSource {
  private final Head head;
  private final int maxId;
  private final long snapshotSeq;
  private final long mint;
  private final long maxt;
  private boolean released;

  HeadReader(Head head, long mint, long maxt) {
    this.head = head;
    this.snapshotSeq = head.snapshotSeq();
    this.maxId = head.table().maxId();
    this.mint = mint;
    this.maxt = maxt;
  }

  @Override
  public IndexReader index() {
    return this;
  }

  @Override
  public ChunkSource chunks() {
    return this;
  }

  /** The head's data range within the reader's range (empty when the head holds none there). */
  @Override
  public long minTime() {
    return Math.max(mint, head.minTime());
  }

  @Override
  public long maxTime() {
    return Math.min(maxt, head.maxTime());
  }

  @Override
  public synchronized void release() {
    if (!released) {
      released = true;
      head.unpin();
    }
  }

  // --- IndexReader ---------------------------------------------------------------------------

  @Override
  public int numSeries() {
    return head.numSeries();
  }

  @Override
  public boolean sortedIds() {
    return false;
  }

  @Override
  public List<String> labelNames() {
    return head.postings().labelNames(maxId);
  }

  @Override
  public List<String> labelValues(String name) {
    return head.postings().labelValues(name, maxId);
  }

  @Override
  public RoaringBitmap postings(String name, String value) {
    return visible(head.postings().postings(name, value));
  }

  @Override
  public RoaringBitmap allPostings() {
    return visible(head.postings().all());
  }

  private RoaringBitmap visible(RoaringBitmap bm) {
    bm.remove((long) maxId + 1, 1L << 32);
    return bm;
  }

  @Override
  public Labels labels(int seriesId) {
    return series(seriesId).labels;
  }

  @Override
  public int chunks(int seriesId, ChunkMetas into) {
    series(seriesId).chunkMetas(into, snapshotSeq);
    return into.size();
  }

  private MemSeries series(int id) {
    MemSeries s = id <= maxId ? head.table().get(id) : null;
    if (s == null) {
      throw new IllegalArgumentException("no series " + id + " in the head");
    }
    return s;
  }

  @Override
  public void close() {
    release();
  }

  // --- ChunkSource ---------------------------------------------------------------------------

  @Override
  public boolean load(int seriesId, long ref, ChunkBuf into) {
    MemSeries s = head.table().get(seriesId);
    if (s == null) {
      return false;
    }
    long r = s.resolve(ref, into);
    if (r == MemSeries.GONE) {
      return false;
    }
    if (r != MemSeries.COPIED) {
      head.chunks().read(r, into);
    }
    return true;
  }
}
