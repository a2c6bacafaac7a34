package io.moraine.core.storage;

import io.moraine.core.labels.Labels;
import org.jspecify.annotations.Nullable;

/** One series of a select: its labels and its samples in the querier's range. */
public interface Series {
  Labels labels();

  /**
   * A cursor over the samples, in ascending time without duplicates.
   *
   * @param reuse an iterator from an earlier call that the caller is done with, or null; the
   *     implementation may reset and return it to save allocation
   */
  SampleIterator iterator(@Nullable SampleIterator reuse);
}
