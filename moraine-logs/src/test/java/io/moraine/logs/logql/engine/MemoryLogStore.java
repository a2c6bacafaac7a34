package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogIndexStats;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A test store: per tenant, per stream, a list of entries kept sorted by time. */
final class MemoryLogStore implements LogQueryable {
  record Entry(long timestampNanos, byte[] line) {}

  private final Map<String, TreeMap<Labels, List<Entry>>> tenants = new HashMap<>();
  final List<LogSelectHints> hints = new ArrayList<>();
  final List<long[]> ranges = new ArrayList<>();
  int openQueriers;

  MemoryLogStore add(String tenant, Labels stream, long timestampNanos, String line) {
    List<Entry> entries =
        tenants
            .computeIfAbsent(tenant, t -> new TreeMap<>())
            .computeIfAbsent(stream, s -> new ArrayList<>());
    entries.add(new Entry(timestampNanos, line.getBytes(StandardCharsets.UTF_8)));
    entries.sort(Comparator.comparingLong(Entry::timestampNanos));
    return this;
  }

  MemoryLogStore add(Labels stream, long timestampNanos, String line) {
    return add("t", stream, timestampNanos, line);
  }

  @Override
  public LogQuerier querier(String tenant, long minNanos, long maxNanos) {
    ranges.add(new long[] {minNanos, maxNanos});
    openQueriers++;
    TreeMap<Labels, List<Entry>> streams = tenants.getOrDefault(tenant, new TreeMap<>());
    return new LogQuerier() {
      @Override
      public LogStreamSet select(List<Matcher> matchers, LogSelectHints h) {
        hints.add(h);
        List<Labels> selected = new ArrayList<>();
        List<List<Entry>> data = new ArrayList<>();
        for (Map.Entry<Labels, List<Entry>> e : streams.entrySet()) {
          if (matches(e.getKey(), matchers)) {
            List<Entry> in = new ArrayList<>();
            for (Entry x : e.getValue()) {
              if (x.timestampNanos() >= minNanos && x.timestampNanos() <= maxNanos) {
                in.add(x);
              }
            }
            if (h.direction() == Direction.BACKWARD) {
              in = in.reversed();
            }
            if (!in.isEmpty()) {
              selected.add(e.getKey());
              data.add(in);
            }
          }
        }
        return new LogStreamSet() {
          int i = -1;

          @Override
          public boolean next() {
            return ++i < selected.size();
          }

          @Override
          public Labels labels() {
            return selected.get(i);
          }

          @Override
          public LogCursor cursor() {
            return new ListCursor(data.get(i), h);
          }
        };
      }

      @Override
      public List<Labels> series(List<Matcher> matchers) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<String> labelNames(List<Matcher> matchers) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<String> labelValues(String name, List<Matcher> matchers) {
        throw new UnsupportedOperationException();
      }

      @Override
      public LogIndexStats stats(List<Matcher> matchers) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {
        openQueriers--;
      }
    };
  }

  private static boolean matches(Labels labels, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(labels.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  private static final class ListCursor implements LogCursor {
    private final List<Entry> entries;
    private final LogSelectHints hints;
    private int i = -1;

    ListCursor(List<Entry> entries, LogSelectHints hints) {
      this.entries = entries;
      this.hints = hints;
    }

    @Override
    public boolean next() {
      if (++i >= entries.size()) {
        return false;
      }
      hints.stats().headLines++;
      hints.stats().headBytes += entries.get(i).line().length;
      return true;
    }

    @Override
    public long timestampNanos() {
      return entries.get(i).timestampNanos();
    }

    @Override
    public byte[] lineBytes() {
      return entries.get(i).line();
    }

    @Override
    public int lineOffset() {
      return 0;
    }

    @Override
    public int lineLength() {
      return entries.get(i).line().length;
    }

    @Override
    public Labels metadata() {
      return Labels.EMPTY;
    }
  }
}
