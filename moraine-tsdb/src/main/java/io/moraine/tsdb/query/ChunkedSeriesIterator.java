package io.moraine.tsdb.query;

import io.moraine.core.storage.SampleIterator;
import io.moraine.tsdb.chunk.ChunkIterator;
import io.moraine.tsdb.chunkfile.ChunkBuf;

/**
 * Iterates one series' samples across its chunks (ascending, not overlapping), limited to the query
 * range and to each chunk's recorded maxt (so samples appended to an open head chunk after the
 * select are not seen). Not thread-safe; reusable through {@link #reset}.
 */
final class ChunkedSeriesIterator implements SampleIterator {
  private final ChunkIterator chunk = new ChunkIterator();
  private final ChunkBuf buf = new ChunkBuf();
  private ChunkSource source;
  private int seriesId;
  private long[] chunks = new long[0];

  /** The end of this series' triples in {@link #chunks}, in triples. */
  private int chunksEnd;

  private long mint;
  private long maxt;
  private int idx;
  private boolean inChunk;
  private long chunkMaxt;
  private boolean done;

  ChunkedSeriesIterator(ChunkSource source) {
    this.source = source;
  }

  /**
   * Points the iterator at a series' {@code n} chunk triples {@code (ref, mint, maxt)} from triple
   * {@code from} of {@code triples}, which the caller leaves unchanged while iterating.
   */
  void reset(
      ChunkSource src, int id, long[] triples, int from, int n, long mintMillis, long maxtMillis) {
    this.source = src;
    this.seriesId = id;
    this.chunks = triples;
    this.idx = from;
    this.chunksEnd = from + n;
    this.mint = mintMillis;
    this.maxt = maxtMillis;
    this.inChunk = false;
    this.done = false;
  }

  private boolean openNextChunk() {
    while (idx < chunksEnd) {
      long ref = chunks[idx * 3];
      long cmint = chunks[idx * 3 + 1];
      long cmaxt = chunks[idx * 3 + 2];
      idx++;
      if (cmaxt < mint || cmint > maxt) {
        continue;
      }
      if (!source.load(seriesId, ref, buf)) {
        continue;
      }
      chunk.reset(buf.encoding(), buf.data(), 0, buf.length());
      chunkMaxt = Math.min(cmaxt, maxt);
      inChunk = true;
      return true;
    }
    done = true;
    return false;
  }

  @Override
  public boolean next() {
    while (!done) {
      if (!inChunk && !openNextChunk()) {
        return false;
      }
      while (chunk.next()) {
        long t = chunk.atT();
        if (t > chunkMaxt) {
          break;
        }
        if (t >= mint) {
          return true;
        }
      }
      inChunk = false;
    }
    return false;
  }

  @Override
  public boolean seek(long t) {
    if (done) {
      return false;
    }
    long target = Math.max(t, mint);
    while (!done) {
      if (!inChunk) {
        while (idx < chunksEnd && chunks[idx * 3 + 2] < target) {
          idx++;
        }
        if (!openNextChunk()) {
          return false;
        }
      }
      if (chunk.seek(target)) {
        if (chunk.atT() <= chunkMaxt) {
          return true;
        }
      }
      inChunk = false;
    }
    return false;
  }

  @Override
  public long atT() {
    return chunk.atT();
  }

  @Override
  public double atV() {
    return chunk.atV();
  }
}
