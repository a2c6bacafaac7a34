package io.moraine.tsdb.query;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One querier over several (blocks and the head): series with equal labels are merged, samples in
 * time order. Closing closes every part.
 */
public final class MergeQuerier implements Querier {
  private final List<Querier> parts;

  public MergeQuerier(List<Querier> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
    if (parts.size() == 1) {
      return parts.get(0).select(sorted, hints, matchers);
    }
    if (parts.isEmpty()) {
      boolean selective = false;
      for (Matcher m : matchers) {
        selective |= !m.matchesEmpty();
      }
      if (!selective) {
        throw new IllegalArgumentException(
            "a selector must have a matcher that does not match \"\"");
      }
      return SeriesSet.EMPTY;
    }
    List<SeriesSet> sets = new ArrayList<>(parts.size());
    for (Querier q : parts) {
      sets.add(q.select(true, hints, matchers));
    }
    return new MergedSet(sets);
  }

  /** k-way merge of sorted series sets. */
  private static final class MergedSet implements SeriesSet {
    private record Head(Series series, int source) {}

    private final List<SeriesSet> sets;
    private final PriorityQueue<Head> heap =
        new PriorityQueue<>(
            (a, b) -> {
              int c = a.series.labels().compareTo(b.series.labels());
              return c != 0 ? c : Integer.compare(a.source, b.source);
            });
    private @Nullable Series current;

    MergedSet(List<SeriesSet> sets) {
      this.sets = sets;
      for (int i = 0; i < sets.size(); i++) {
        if (sets.get(i).next()) {
          heap.add(new Head(sets.get(i).at(), i));
        }
      }
    }

    @Override
    public boolean next() {
      Head first = heap.poll();
      if (first == null) {
        current = null;
        return false;
      }
      List<Series> same = new ArrayList<>(2);
      same.add(first.series);
      advance(first.source);
      while (!heap.isEmpty() && heap.peek().series.labels().equals(first.series.labels())) {
        Head h = heap.poll();
        same.add(h.series);
        advance(h.source);
      }
      current = same.size() == 1 ? same.get(0) : new MergedSeries(same);
      return true;
    }

    private void advance(int source) {
      SeriesSet s = sets.get(source);
      if (s.next()) {
        heap.add(new Head(s.at(), source));
      }
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

  private record MergedSeries(List<Series> parts) implements Series {
    @Override
    public Labels labels() {
      return parts.get(0).labels();
    }

    @Override
    public SampleIterator iterator(@Nullable SampleIterator reuse) {
      SampleIterator[] its = new SampleIterator[parts.size()];
      for (int i = 0; i < its.length; i++) {
        its[i] = parts.get(i).iterator(null);
      }
      return new MergeSampleIterator(its);
    }
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    TreeSet<String> out = new TreeSet<>();
    for (Querier q : parts) {
      out.addAll(q.labelValues(name, matchers));
    }
    return new ArrayList<>(out);
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    TreeSet<String> out = new TreeSet<>();
    for (Querier q : parts) {
      out.addAll(q.labelNames(matchers));
    }
    return new ArrayList<>(out);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Querier q : parts) {
      try {
        q.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
