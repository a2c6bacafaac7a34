package io.moraine.tsdb.index;

import io.moraine.core.labels.Labels;
import org.jspecify.annotations.Nullable;

/**
 * Reads the labels and chunk metas of series in ascending id order, in one pass over the index: a
 * block decodes each restart group of its series section at most once, carrying on from the
 * previous entry when the next id is later in the same group. Obtained from {@link
 * IndexReader#seriesCursor()}.
 *
 * <p><b>Thread-safety</b>: not thread-safe; the cursor holds the reading position, so each reading
 * thread takes its own. Many cursors may read one {@link IndexReader} concurrently.
 *
 * <p><b>Lifetime</b>: valid as long as the reader it came from; nothing to close.
 */
public interface SeriesCursor {
  /**
   * Moves to series {@code seriesId} and reads its labels and, when {@code chunksInto} is not null,
   * clears that and fills it with the series' chunk metas sorted by mint.
   *
   * @param seriesId greater than the id of every earlier call on this cursor
   * @return the series' labels
   * @throws IllegalArgumentException when {@code seriesId} is not a series of the index (the head
   *     may have removed it meanwhile; the cursor stays usable), or is not greater than the id of
   *     an earlier call
   */
  Labels next(int seriesId, @Nullable ChunkMetas chunksInto);
}
