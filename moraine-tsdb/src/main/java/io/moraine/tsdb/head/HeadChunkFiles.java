package io.moraine.tsdb.head;

import io.moraine.tsdb.chunk.Encoding;
import io.moraine.tsdb.chunk.XorAppender;
import io.moraine.tsdb.chunkfile.ChunkBuf;
import io.moraine.tsdb.chunkfile.ChunkRef;
import io.moraine.tsdb.chunkfile.HeadChunkFile;
import io.moraine.tsdb.chunkfile.HeadChunkScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head's full chunks in {@code chunks_head/}: written when a chunk is cut, read back through
 * memory mappings, scanned at start-up, deleted segment by segment once the head no longer holds
 * any of their chunks. Thread-safe.
 */
public final class HeadChunkFiles implements HeadChunks {
  private static final Logger LOG = LoggerFactory.getLogger(HeadChunkFiles.class);

  private final Path dir;
  private final HeadChunkFile file;

  /** Newest chunk end time per segment index, to know which segments truncation may delete. */
  private final ConcurrentSkipListMap<Integer, Long> segmentMaxT = new ConcurrentSkipListMap<>();

  private Map<Integer, long[]> found;

  private HeadChunkFiles(Path dir, HeadChunkFile file, Map<Integer, long[]> found) {
    this.dir = dir;
    this.file = file;
    this.found = found;
  }

  /** Scans (cutting a torn tail) and opens the directory. */
  public static HeadChunkFiles open(Path dir) throws IOException {
    Map<Integer, long[]> found = new HashMap<>();
    Map<Integer, Integer> counts = new HashMap<>();
    ConcurrentSkipListMap<Integer, Long> maxT = new ConcurrentSkipListMap<>();
    HeadChunkScanner.Result r =
        HeadChunkScanner.scan(
            dir,
            (ref, seriesRef, mint, maxt, enc, length) -> {
              int s = (int) seriesRef;
              int n = counts.merge(s, 1, Integer::sum);
              long[] a = found.get(s);
              if (a == null || a.length < n * 3) {
                a = a == null ? new long[6] : Arrays.copyOf(a, a.length * 2);
                found.put(s, a);
              }
              a[(n - 1) * 3] = ref;
              a[(n - 1) * 3 + 1] = mint;
              a[(n - 1) * 3 + 2] = maxt;
              maxT.merge(ChunkRef.segment(ref), maxt, Math::max);
            });
    if (r.tornBytes() > 0 || r.removedSegments() > 0) {
      LOG.atWarn()
          .addKeyValue("dir", dir)
          .addKeyValue("torn_bytes", r.tornBytes())
          .addKeyValue("removed", r.removedSegments())
          .log("head chunk files had a torn tail, cut it");
    }
    for (Map.Entry<Integer, long[]> e : found.entrySet()) {
      int n = counts.getOrDefault(e.getKey(), 0);
      e.setValue(Arrays.copyOf(e.getValue(), n * 3));
    }
    HeadChunkFiles f = new HeadChunkFiles(dir, HeadChunkFile.open(dir), found);
    f.segmentMaxT.putAll(maxT);
    return f;
  }

  /** The chunks found at start-up per series ref, as (ref, mint, maxt) triples; once. */
  public synchronized Map<Integer, long[]> scan() {
    Map<Integer, long[]> out = found;
    found = new HashMap<>();
    return out;
  }

  @Override
  public synchronized long write(int seriesId, XorAppender chunk) {
    try {
      long ref =
          file.write(
              seriesId,
              chunk.minTime(),
              chunk.maxTime(),
              Encoding.XOR,
              chunk.bytes(),
              0,
              chunk.length());
      segmentMaxT.merge(ChunkRef.segment(ref), chunk.maxTime(), Math::max);
      return ref;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write head chunk to " + dir, e);
    }
  }

  @Override
  public void read(long ref, ChunkBuf into) {
    file.read(ref, into);
  }

  /** Deletes the oldest segments whose chunks all end before {@code mint}. */
  public void truncateBefore(long mint) throws IOException {
    int keepFrom = Integer.MAX_VALUE;
    for (Map.Entry<Integer, Long> e : segmentMaxT.entrySet()) {
      if (e.getValue() >= mint) {
        keepFrom = e.getKey();
        break;
      }
    }
    if (keepFrom == Integer.MAX_VALUE) {
      keepFrom = file.currentSegment();
    }
    int deleted = file.truncateBefore(keepFrom);
    segmentMaxT.headMap(keepFrom).clear();
    if (deleted > 0) {
      LOG.atDebug().addKeyValue("count", deleted).log("deleted head chunk segments");
    }
  }

  /** Bytes used in chunks_head/ (not the preallocated tail of the open segment). */
  public long sizeBytes() {
    return file.sizeBytes();
  }

  public void close() throws IOException {
    file.close();
  }
}
