package io.moraine.testkit.storage;

import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import java.util.List;

/** A {@link SeriesSet} over a list. */
final class ListSeriesSet implements SeriesSet {
  private final List<? extends Series> series;
  private int i = -1;

  ListSeriesSet(List<? extends Series> series) {
    this.series = series;
  }

  @Override
  public boolean next() {
    if (i < series.size()) {
      i++;
    }
    return i < series.size();
  }

  @Override
  public Series at() {
    if (i < 0 || i >= series.size()) {
      throw new IllegalStateException("BUG: at() without a current series");
    }
    return series.get(i);
  }
}
