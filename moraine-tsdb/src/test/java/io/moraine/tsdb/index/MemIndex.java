package io.moraine.tsdb.index;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * A plain in-memory {@link IndexReader} over sorted series, the reference the block reader is
 * compared against (and proof that the interface suits an in-memory structure).
 */
final class MemIndex implements IndexReader {
  private final List<Labels> labels = new ArrayList<>();
  private final List<List<ChunkMeta>> chunks = new ArrayList<>();
  private final TreeMap<String, TreeMap<String, RoaringBitmap>> postings = new TreeMap<>();
  private final RoaringBitmap all = new RoaringBitmap();

  MemIndex(TreeMap<Labels, List<ChunkMeta>> series) {
    for (Map.Entry<Labels, List<ChunkMeta>> e : series.entrySet()) {
      int id = labels.size();
      labels.add(e.getKey());
      chunks.add(e.getValue());
      all.add(id);
      Labels l = e.getKey();
      for (int j = 0; j < l.size(); j++) {
        postings
            .computeIfAbsent(l.name(j), k -> new TreeMap<>())
            .computeIfAbsent(l.value(j), k -> new RoaringBitmap())
            .add(id);
      }
    }
  }

  @Override
  public int numSeries() {
    return labels.size();
  }

  @Override
  public boolean sortedIds() {
    return true;
  }

  @Override
  public List<String> labelNames() {
    return List.copyOf(postings.keySet());
  }

  @Override
  public List<String> labelValues(String name) {
    TreeMap<String, RoaringBitmap> v = postings.get(name);
    return v == null ? List.of() : List.copyOf(v.keySet());
  }

  @Override
  public RoaringBitmap postings(String name, String value) {
    TreeMap<String, RoaringBitmap> v = postings.get(name);
    RoaringBitmap bm = v == null ? null : v.get(value);
    return bm == null ? new RoaringBitmap() : bm;
  }

  @Override
  public RoaringBitmap allPostings() {
    return all;
  }

  @Override
  public Labels labels(int seriesId) {
    return labels.get(seriesId);
  }

  @Override
  public int chunks(int seriesId, ChunkMetas into) {
    into.clear();
    for (ChunkMeta m : chunks.get(seriesId)) {
      into.add(m.ref(), m.mint(), m.maxt());
    }
    return into.size();
  }

  @Override
  public void close() {}
}
