package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** A {@link MemoryStorage} querier over copies of the samples in its range. */
final class MemoryQuerier implements Querier {
  /** A series' labels and its samples in the querier's range (at least one). */
  static final class Snapshot implements Series {
    private final Labels labels;
    private final long[] ts;
    private final double[] vs;

    Snapshot(Labels labels, long[] ts, double[] vs) {
      this.labels = labels;
      this.ts = ts;
      this.vs = vs;
    }

    @Override
    public Labels labels() {
      return labels;
    }

    @Override
    public SampleIterator iterator(@Nullable SampleIterator reuse) {
      if (reuse instanceof ArrayIterator it) {
        it.reset(ts, vs);
        return it;
      }
      ArrayIterator it = new ArrayIterator();
      it.reset(ts, vs);
      return it;
    }
  }

  /** Series in insertion order. */
  private final List<Snapshot> series;

  private boolean closed;

  MemoryQuerier(List<Snapshot> series) {
    this.series = series;
  }

  @Override
  public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
    checkOpen();
    Objects.requireNonNull(hints, "hints");
    boolean selective = false;
    for (Matcher m : matchers) {
      selective |= !m.matchesEmpty();
    }
    if (!selective) {
      throw new IllegalArgumentException(
          "at least one matcher must not match the empty string: " + List.of(matchers));
    }
    List<Snapshot> out = matching(matchers);
    if (sorted) {
      out.sort((a, b) -> a.labels().compareTo(b.labels()));
    }
    return new ListSeriesSet(out);
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    checkOpen();
    TreeSet<String> values = new TreeSet<>();
    for (Snapshot s : matching(matchers)) {
      String v = s.labels().get(name);
      if (v != null) {
        values.add(v);
      }
    }
    return List.copyOf(values);
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    checkOpen();
    TreeSet<String> names = new TreeSet<>();
    for (Snapshot s : matching(matchers)) {
      for (int i = 0; i < s.labels().size(); i++) {
        names.add(s.labels().name(i));
      }
    }
    return List.copyOf(names);
  }

  @Override
  public void close() {
    closed = true;
  }

  private List<Snapshot> matching(Matcher... matchers) {
    List<Snapshot> out = new ArrayList<>();
    for (Snapshot s : series) {
      if (matchesAll(s.labels(), matchers)) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean matchesAll(Labels labels, Matcher... matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(labels.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("BUG: querier used after close");
    }
  }

  private static final class ListSeriesSet implements SeriesSet {
    private final List<Snapshot> series;
    private int next;

    ListSeriesSet(List<Snapshot> series) {
      this.series = series;
    }

    @Override
    public boolean next() {
      if (next >= series.size()) {
        return false;
      }
      next++;
      return true;
    }

    @Override
    public Series at() {
      if (next == 0) {
        throw new IllegalStateException("BUG: at() before next()");
      }
      return series.get(next - 1);
    }
  }

  /** A cursor over one snapshot's arrays. */
  private static final class ArrayIterator implements SampleIterator {
    private long[] ts = new long[0];
    private double[] vs = new double[0];
    private int i;

    void reset(long[] ts, double[] vs) {
      this.ts = ts;
      this.vs = vs;
      this.i = -1;
    }

    @Override
    public boolean next() {
      if (i < ts.length) {
        i++;
      }
      return i < ts.length;
    }

    @Override
    public boolean seek(long t) {
      if (i < 0) {
        i = 0;
      }
      while (i < ts.length && ts[i] < t) {
        i++;
      }
      return i < ts.length;
    }

    @Override
    public long atT() {
      return ts[current()];
    }

    @Override
    public double atV() {
      return vs[current()];
    }

    private int current() {
      if (i < 0 || i >= ts.length) {
        throw new IllegalStateException("BUG: iterator not at a sample");
      }
      return i;
    }
  }
}
