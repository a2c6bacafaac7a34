package io.moraine.testkit.storage;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.Series;
import org.jspecify.annotations.Nullable;

/** An immutable series snapshot: labels and samples as parallel arrays, ascending in time. */
record ArraySeries(Labels labels, long[] times, long[] valueBits) implements Series {
  @Override
  public SampleIterator iterator(@Nullable SampleIterator reuse) {
    if (reuse instanceof ArraySampleIterator it) {
      it.reset(times, valueBits);
      return it;
    }
    return new ArraySampleIterator(times, valueBits);
  }
}
