package io.moraine.tsdb.index;

import io.moraine.core.labels.Labels;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * Read access to a series index: label names and values, postings (series ids per label pair), and
 * each series' labels and chunk metas. Implemented by persisted blocks ({@link BlockIndexReader})
 * and by the in-memory head.
 *
 * <p><b>Series ids</b> are non-negative {@code int}s, valid only within this reader. In a block
 * they are {@code 0..numSeries()-1}, assigned in {@link Labels} sort order, so iterating a postings
 * bitmap yields series sorted by labels ({@link #sortedIds()} is true).
 *
 * <p><b>Thread-safety</b>: every method may be called concurrently from many threads, except {@link
 * #close()}, which the owner calls once no reader uses the index any more.
 *
 * <p><b>Ownership</b>: returned bitmaps and lists are read-only and may be shared between calls and
 * threads (a reader may cache them); callers that need to modify one copy it first ({@code
 * RoaringBitmap.and/or/andNot} return new bitmaps). Returned {@link Labels} are immutable.
 */
public interface IndexReader extends AutoCloseable {
  /** The number of series in the index. */
  int numSeries();

  /**
   * Whether series ids follow {@link Labels} sort order, so that a postings bitmap iterates series
   * sorted by labels without a sort. True for blocks; the head may return false.
   */
  boolean sortedIds();

  /** All label names that at least one series has, sorted ({@link String#compareTo}). */
  List<String> labelNames();

  /** The values of {@code name} over all series, sorted; empty when no series has the label. */
  List<String> labelValues(String name);

  /** The ids of the series with label {@code name="value"}; empty when there are none. */
  RoaringBitmap postings(String name, String value);

  /** The ids of all series. */
  RoaringBitmap allPostings();

  /**
   * The labels of a series.
   *
   * @throws IllegalArgumentException when {@code seriesId} is not a series of this index
   */
  Labels labels(int seriesId);

  /**
   * Clears {@code into} and fills it with the series' chunk metas, sorted by mint.
   *
   * @return the number of chunk metas written, {@code into.size()}
   * @throws IllegalArgumentException when {@code seriesId} is not a series of this index
   */
  int chunks(int seriesId, ChunkMetas into);

  /**
   * The labels of a series and, into {@code chunksInto}, its chunk metas: {@link #labels} and
   * {@link #chunks} in one call, which a block serves with one decoding pass.
   *
   * @throws IllegalArgumentException when {@code seriesId} is not a series of this index
   */
  default Labels series(int seriesId, ChunkMetas chunksInto) {
    chunks(seriesId, chunksInto);
    return labels(seriesId);
  }

  /**
   * A cursor that reads series in ascending id order in one pass ({@link SeriesCursor}), for
   * callers that read many series, such as a select. The default reads each series through {@link
   * #labels} and {@link #chunks}; a block overrides it to decode its series section only once.
   *
   * <p>The returned cursor belongs to the caller and holds all reading state, so this reader stays
   * safe to share; each thread takes its own cursor.
   */
  default SeriesCursor seriesCursor() {
    return new SeriesCursor() {
      private int last = -1;

      @Override
      public Labels next(int seriesId, @Nullable ChunkMetas chunksInto) {
        if (seriesId <= last) {
          throw new IllegalArgumentException(
              "series id " + seriesId + " not after the previous " + last);
        }
        last = seriesId;
        if (chunksInto != null) {
          chunks(seriesId, chunksInto);
        }
        return labels(seriesId);
      }
    };
  }

  /** Releases the index; no method may be called afterwards, by any thread. */
  @Override
  void close();
}
