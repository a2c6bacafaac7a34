package io.moraine.tsdb.query;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import io.moraine.tsdb.index.IndexReader;
import io.moraine.tsdb.index.PostingsForMatchers;
import io.moraine.tsdb.index.SeriesCursor;
import java.util.ArrayList;
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
    SelectedSeries selected = SelectedSeries.read(ix, ids, lo, hi);
    if (sorted && !ix.sortedIds()) {
      selected.sortByLabels();
    }
    return new ChunkSeriesSet(selected, lo, hi, reader.chunks());
  }

  private static @Nullable Labels labelsOrNull(SeriesCursor series, int id) {
    try {
      return series.next(id, null);
    } catch (IllegalArgumentException e) {
      return null; // removed from the head since the postings were read
    }
  }

  /** The selected series, each with its chunks overlapping the range, in the selected order. */
  private static final class ChunkSeriesSet implements SeriesSet {
    private final SelectedSeries s;
    private final long lo;
    private final long hi;
    private final ChunkSource source;
    private int pos = -1;
    private @Nullable Series current;

    ChunkSeriesSet(SelectedSeries s, long lo, long hi, ChunkSource source) {
      this.s = s;
      this.lo = lo;
      this.hi = hi;
      this.source = source;
    }

    @Override
    public boolean next() {
      if (++pos < s.size) {
        current =
            new StoredSeries(
                s.labels[pos],
                s.ids[pos],
                s.triples,
                s.chunkFrom[pos],
                s.chunkCount[pos],
                lo,
                hi,
                source);
        return true;
      }
      pos = s.size;
      current = null;
      return false;
    }

    @Override
    public Series at() {
      Series cur = current;
      if (cur == null) {
        throw new IllegalStateException("BUG: at() without a successful next()");
      }
      return cur;
    }
  }

  /** One series of this querier: its chunks are {@code count} triples from triple {@code from}. */
  private record StoredSeries(
      Labels labels,
      int id,
      long[] triples,
      int from,
      int count,
      long lo,
      long hi,
      ChunkSource source)
      implements Series {
    @Override
    public SampleIterator iterator(@Nullable SampleIterator reuse) {
      ChunkedSeriesIterator it =
          reuse instanceof ChunkedSeriesIterator c ? c : new ChunkedSeriesIterator(source);
      it.reset(source, id, triples, from, count, lo, hi);
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
    SeriesCursor series = ix.seriesCursor();
    while (it.hasNext()) {
      Labels l = labelsOrNull(series, it.next());
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
    SeriesCursor series = ix.seriesCursor();
    while (it.hasNext()) {
      Labels l = labelsOrNull(series, it.next());
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
