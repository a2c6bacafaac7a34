package io.moraine.server.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.storage.Storage;
import io.moraine.core.storage.UnknownSeriesRefException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A small but real {@link Storage} for server tests: samples live in sorted maps per series,
 * appends become visible at commit, queriers select by matchers. Counts {@link #close} calls.
 * Thread-safe (one lock).
 */
public final class InMemoryStorage implements Storage {
  private final Map<Labels, TreeMap<Long, Double>> series = new TreeMap<>();
  private final List<Labels> refs = new ArrayList<>();
  private final AtomicInteger closeCalls = new AtomicInteger();

  /** How often {@link #close} was called. */
  public int closeCalls() {
    return closeCalls.get();
  }

  @Override
  public Appender appender() {
    return new Appender() {
      private final List<Object[]> batch = new ArrayList<>();

      @Override
      public long append(Labels labels, long t, double v) {
        synchronized (InMemoryStorage.this) {
          TreeMap<Long, Double> s = series.get(labels);
          if (s != null && !s.isEmpty() && t < s.lastKey()) {
            throw new OutOfOrderSampleException("out of order sample for " + labels);
          }
          int ref = refs.indexOf(labels);
          if (ref < 0) {
            refs.add(labels);
            ref = refs.size() - 1;
          }
          batch.add(new Object[] {labels, t, v});
          return ref;
        }
      }

      @Override
      public long append(long ref, long t, double v) {
        synchronized (InMemoryStorage.this) {
          if (ref < 0 || ref >= refs.size()) {
            throw new UnknownSeriesRefException("unknown ref " + ref);
          }
          return append(refs.get((int) ref), t, v);
        }
      }

      @Override
      public void commit() {
        synchronized (InMemoryStorage.this) {
          for (Object[] s : batch) {
            series
                .computeIfAbsent((Labels) s[0], l -> new TreeMap<>())
                .put((Long) s[1], (Double) s[2]);
          }
          batch.clear();
        }
      }

      @Override
      public void rollback() {
        batch.clear();
      }
    };
  }

  @Override
  public synchronized Querier querier(long mint, long maxt) {
    List<Map.Entry<Labels, List<long[]>>> snapshot = new ArrayList<>();
    series.forEach(
        (l, samples) -> {
          List<long[]> copy = new ArrayList<>();
          samples
              .subMap(mint, true, maxt, true)
              .forEach((t, v) -> copy.add(new long[] {t, Double.doubleToRawLongBits(v)}));
          snapshot.add(Map.entry(l, copy));
        });
    return new SnapshotQuerier(snapshot);
  }

  @Override
  public synchronized long minTime() {
    long min = Long.MAX_VALUE;
    for (TreeMap<Long, Double> s : series.values()) {
      min = Math.min(min, s.firstKey());
    }
    return min;
  }

  @Override
  public synchronized long maxTime() {
    long max = Long.MIN_VALUE;
    for (TreeMap<Long, Double> s : series.values()) {
      max = Math.max(max, s.lastKey());
    }
    return max;
  }

  @Override
  public void close() {
    closeCalls.incrementAndGet();
  }

  private static boolean matches(Labels l, Matcher... matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(l.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  private record SnapshotQuerier(List<Map.Entry<Labels, List<long[]>>> snapshot)
      implements Querier {
    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
      boolean anyNonEmpty = false;
      for (Matcher m : matchers) {
        anyNonEmpty |= !m.matchesEmpty();
      }
      if (!anyNonEmpty) {
        throw new IllegalArgumentException("at least one matcher must not match the empty string");
      }
      List<Series> out = new ArrayList<>();
      for (var e : snapshot) {
        if (matches(e.getKey(), matchers)) {
          out.add(new ListSeries(e.getKey(), e.getValue()));
        }
      }
      return new ListSeriesSet(out);
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
      TreeSet<String> values = new TreeSet<>();
      for (var e : snapshot) {
        String v = e.getKey().get(name);
        if (v != null && matches(e.getKey(), matchers)) {
          values.add(v);
        }
      }
      return List.copyOf(values);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
      TreeSet<String> names = new TreeSet<>();
      for (var e : snapshot) {
        if (matches(e.getKey(), matchers)) {
          for (int i = 0; i < e.getKey().size(); i++) {
            names.add(e.getKey().name(i));
          }
        }
      }
      return List.copyOf(names);
    }

    @Override
    public void close() {}
  }

  private record ListSeries(Labels labels, List<long[]> samples) implements Series {
    @Override
    public SampleIterator iterator(@Nullable SampleIterator reuse) {
      return new SampleIterator() {
        private int i = -1;

        @Override
        public boolean next() {
          if (i < samples.size()) {
            i++;
          }
          return i < samples.size();
        }

        @Override
        public boolean seek(long t) {
          if (i < 0) {
            i = 0;
          }
          while (i < samples.size() && samples.get(i)[0] < t) {
            i++;
          }
          return i < samples.size();
        }

        @Override
        public long atT() {
          return samples.get(i)[0];
        }

        @Override
        public double atV() {
          return Double.longBitsToDouble(samples.get(i)[1]);
        }
      };
    }
  }

  private static final class ListSeriesSet implements SeriesSet {
    private final List<Series> list;
    private int i = -1;

    ListSeriesSet(List<Series> list) {
      this.list = list;
    }

    @Override
    public boolean next() {
      return ++i < list.size();
    }

    @Override
    public Series at() {
      return list.get(i);
    }
  }
}
