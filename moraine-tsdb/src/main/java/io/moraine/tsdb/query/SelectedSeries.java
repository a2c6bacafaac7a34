package io.moraine.tsdb.query;

import io.moraine.core.labels.Labels;
import io.moraine.tsdb.index.ChunkMetas;
import io.moraine.tsdb.index.IndexReader;
import io.moraine.tsdb.index.SeriesCursor;
import java.util.Arrays;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The series of a select with their labels and the chunk metas that overlap the query range, read
 * in one pass over the index ({@link SeriesCursor}). Series without an overlapping chunk, and
 * series the head removed since the postings were read, are left out. The chunk metas of all series
 * share one array of {@code (ref, mint, maxt)} triples; series {@code i} owns the {@code
 * chunkCount[i]} triples from triple {@code chunkFrom[i]}. Not thread-safe; read-only once built.
 */
final class SelectedSeries {
  /** Triples allocated at first: most selects are small, and the array doubles as needed. */
  private static final int INITIAL_CHUNKS = 64;

  int size;
  int[] ids;
  Labels[] labels;
  int[] chunkFrom;
  int[] chunkCount;
  long[] triples = new long[INITIAL_CHUNKS * 3];
  private int chunks;

  private SelectedSeries(int capacity) {
    ids = new int[capacity];
    labels = new Labels[capacity];
    chunkFrom = new int[capacity];
    chunkCount = new int[capacity];
  }

  /**
   * Reads the series {@code postings} with their chunks overlapping {@code [lo, hi]}, in id order.
   */
  static SelectedSeries read(IndexReader ix, RoaringBitmap postings, long lo, long hi) {
    SelectedSeries s = new SelectedSeries(postings.getCardinality());
    SeriesCursor cursor = ix.seriesCursor();
    ChunkMetas metas = new ChunkMetas();
    PeekableIntIterator it = postings.getIntIterator();
    while (it.hasNext()) {
      int id = it.next();
      Labels l;
      try {
        l = cursor.next(id, metas);
      } catch (IllegalArgumentException e) {
        continue; // removed from the head since the postings were read
      }
      s.add(id, l, metas, lo, hi);
    }
    return s;
  }

  private void add(int id, Labels l, ChunkMetas metas, long lo, long hi) {
    int from = chunks;
    int m = metas.size();
    if (triples.length < (chunks + m) * 3) {
      triples = Arrays.copyOf(triples, Math.max(triples.length * 2, (chunks + m) * 3));
    }
    for (int i = 0; i < m; i++) {
      long mint = metas.mint(i);
      long maxt = metas.maxt(i);
      if (maxt >= lo && mint <= hi) {
        int at = chunks * 3;
        triples[at] = metas.ref(i);
        triples[at + 1] = mint;
        triples[at + 2] = maxt;
        chunks++;
      }
    }
    if (chunks == from) {
      return;
    }
    ids[size] = id;
    labels[size] = l;
    chunkFrom[size] = from;
    chunkCount[size] = chunks - from;
    size++;
  }

  /** Reorders the series by labels, for readers whose ids do not follow label order. */
  void sortByLabels() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Labels[] ls = labels;
    Arrays.sort(order, (a, b) -> ls[a].compareTo(ls[b]));
    int[] ids2 = new int[size];
    Labels[] labels2 = new Labels[size];
    int[] from2 = new int[size];
    int[] count2 = new int[size];
    for (int i = 0; i < size; i++) {
      int o = order[i];
      ids2[i] = ids[o];
      labels2[i] = labels[o];
      from2[i] = chunkFrom[o];
      count2[i] = chunkCount[o];
    }
    ids = ids2;
    labels = labels2;
    chunkFrom = from2;
    chunkCount = count2;
  }
}
