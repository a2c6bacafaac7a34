package io.moraine.tsdb.query;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import io.moraine.tsdb.index.ChunkMetas;
import io.moraine.tsdb.index.IndexReader;
import io.moraine.tsdb.index.PostingsForMatchers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * A querier over one {@link BlockReader} (a block or the head). Closing releases the reader's pin.
 */
public final class BlockQuerier implements Querier {
  private final BlockReader reader;
  private final long mint;
  private final long maxt;
  private boolean closed;

  public BlockQuerier(BlockReader reader, long mint, long maxt) {
    this.reader = reader;
    this.mint = mint;
    this.maxt = maxt;
  }

  @Override
  public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
    IndexReader ix = reader.index();
    RoaringBitmap ids = PostingsForMatchers.select(ix, matchers);
    long lo = Math.max(mint, hints.startMillis());
    long hi = Math.min(maxt, hints.endMillis());
    int[] order = ids.toArray();
    Labels[] labels = new Labels[order.length];
    int n = 0;
    for (int id : order) {
      Labels l = labelsOrNull(ix, id);
      if (l != null) {
        order[n] = id;
        labels[n] = l;
        n++;
      }
    }
    if (sorted && !ix.sortedIds()) {
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      Labels[] ls = labels;
      Arrays.sort(idx, (a, b) -> ls[a].compareTo(ls[b]));
      int[] o2 = new int[n];
      Labels[] l2 = new Labels[n];
      for (int i = 0; i < n; i++) {
        o2[i] = order[idx[i]];
        l2[i] = labels[idx[i]];
      }
      order = o2;
      labels = l2;
    }
    return new ChunkSeriesSet(ix, order, labels, n, lo, hi);
  }

  private static @Nullable Labels labelsOrNull(IndexReader ix, int id) {
    try {
      return ix.labels(id);
    } catch (IllegalArgumentException e) {
      return null; // removed from the head since the postings were read
    }
  }

  /** Series with at least one chunk overlapping the range, in the given order. */
  private final class ChunkSeriesSet implements SeriesSet {
    private final IndexReader ix;
    private final int[] ids;
    private final Labels[] labels;
    private final int n;
    private final long lo;
    private final long hi;
    private final ChunkMetas metas = new ChunkMetas();
    private int pos = -1;
    private @Nullable Series current;

    ChunkSeriesSet(IndexReader ix, int[] ids, Labels[] labels, int n, long lo, long hi) {
      this.ix = ix;
      this.ids = ids;
      this.labels = labels;
      this.n = n;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    public boolean next() {
      while (++pos < n) {
        int id = ids[pos];
        try {
          ix.chunks(id, metas);
        } catch (IllegalArgumentException e) {
          continue;
        }
        int k = 0;
        long[] triples = new long[metas.size() * 3];
        for (int i = 0; i < metas.size(); i++) {
          if (metas.maxt(i) >= lo && metas.mint(i) <= hi) {
            triples[k * 3] = metas.ref(i);
            triples[k * 3 + 1] = metas.mint(i);
            triples[k * 3 + 2] = metas.maxt(i);
            k++;
          }
        }
        if (k == 0) {
          continue;
        }
        current = new StoredSeries(labels[pos], id, triples, k, lo, hi, reader.chunks());
        return true;
      }
      current = null;
      return false;
    }

    @Override
    public Series at() {
      Series s = current;
      if (s == null) {
        throw new IllegalStateException("BUG: at() without a successful next()");
      }
      return s;
    }
  }

  /** One series of this querier. */
  private record StoredSeries(
      Labels labels, int id, long[] triples, int count, long lo, long hi, ChunkSource source)
      implements Series {
    @Override
    public SampleIterator iterator(@Nullable SampleIterator reuse) {
      ChunkedSeriesIterator it =
          reuse instanceof ChunkedSeriesIterator c ? c : new ChunkedSeriesIterator(source);
      it.reset(source, id, triples, count, lo, hi);
      return it;
    }
  }

  /**
   * Series for a label query: unlike a select, matchers that all match "" are allowed there (as in
   * Prometheus' tsdb); every stored series has a metric name, so they narrow all series.
   */
  private static RoaringBitmap labelPostings(IndexReader ix, Matcher... matchers) {
    for (Matcher m : matchers) {
      if (!m.matchesEmpty()) {
        return PostingsForMatchers.select(ix, matchers);
      }
    }
    Matcher[] all = new Matcher[matchers.length + 1];
    all[0] = ANY_NAME;
    System.arraycopy(matchers, 0, all, 1, matchers.length);
    return PostingsForMatchers.select(ix, all);
  }

  private static final Matcher ANY_NAME = Matcher.re("__name__", ".+");

  /** Whether the reader holds data in the querier's range at all. */
  private boolean overlaps() {
    return reader.minTime() <= maxt && reader.maxTime() >= mint;
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    IndexReader ix = reader.index();
    if (!overlaps()) {
      return List.of();
    }
    if (matchers.length == 0) {
      return ix.labelValues(name);
    }
    TreeSet<String> out = new TreeSet<>();
    PeekableIntIterator it = labelPostings(ix, matchers).getIntIterator();
    while (it.hasNext()) {
      Labels l = labelsOrNull(ix, it.next());
      String v = l == null ? null : l.get(name);
      if (v != null) {
        out.add(v);
      }
    }
    return new ArrayList<>(out);
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    IndexReader ix = reader.index();
    if (!overlaps()) {
      return List.of();
    }
    if (matchers.length == 0) {
      return ix.labelNames();
    }
    TreeSet<String> out = new TreeSet<>();
    PeekableIntIterator it = labelPostings(ix, matchers).getIntIterator();
    while (it.hasNext()) {
      Labels l = labelsOrNull(ix, it.next());
      if (l != null) {
        for (int i = 0; i < l.size(); i++) {
          out.add(l.name(i));
        }
      }
    }
    return new ArrayList<>(out);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      reader.release();
    }
  }
}
