package io.moraine.server.api.loki;

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
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small log store for API tests: a list of entries, scanned. Thread-safe. */
final class InMemoryLogs implements LogQueryable {
  record Entry(String tenant, Labels stream, long timestampNanos, String line) {}

  final List<Entry> entries = new CopyOnWriteArrayList<>();

  InMemoryLogs add(String tenant, Labels stream, long timestampNanos, String line) {
    entries.add(new Entry(tenant, stream, timestampNanos, line));
    return this;
  }

  static boolean matches(Labels l, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(l.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  /** The tenant's entries of matching streams in {@code [min, max]}, in time order. */
  List<Entry> scan(String tenant, List<Matcher> matchers, long min, long max) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.tenant().equals(tenant)
          && e.timestampNanos() >= min
          && e.timestampNanos() <= max
          && matches(e.stream(), matchers)) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparingLong(Entry::timestampNanos));
    return out;
  }

  @Override
  public LogQuerier querier(String tenant, long minNanos, long maxNanos) {
    return new LogQuerier() {
      private List<Labels> streams(List<Matcher> matchers) {
        TreeSet<Labels> out = new TreeSet<>();
        for (Entry e : scan(tenant, matchers, minNanos, maxNanos)) {
          out.add(e.stream());
        }
        return new ArrayList<>(out);
      }

      @Override
      public LogStreamSet select(List<Matcher> matchers, LogSelectHints hints) {
        List<Labels> streams = streams(matchers);
        return new LogStreamSet() {
          int i = -1;

          @Override
          public boolean next() {
            return ++i < streams.size();
          }

          @Override
          public Labels labels() {
            return streams.get(i);
          }

          @Override
          public LogCursor cursor() {
            List<Entry> es = scan(tenant, List.of(), minNanos, maxNanos);
            es.removeIf(e -> !e.stream().equals(streams.get(i)));
            if (hints.direction() == Direction.BACKWARD) {
              java.util.Collections.reverse(es);
            }
            return new ListCursor(es);
          }
        };
      }

      @Override
      public List<Labels> series(List<Matcher> matchers) {
        return streams(matchers);
      }

      @Override
      public List<String> labelNames(List<Matcher> matchers) {
        TreeSet<String> out = new TreeSet<>();
        for (Labels l : streams(matchers)) {
          for (int i = 0; i < l.size(); i++) {
            out.add(l.name(i));
          }
        }
        return new ArrayList<>(out);
      }

      @Override
      public List<String> labelValues(String name, List<Matcher> matchers) {
        TreeSet<String> out = new TreeSet<>();
        for (Labels l : streams(matchers)) {
          String v = l.get(name);
          if (v != null) {
            out.add(v);
          }
        }
        return new ArrayList<>(out);
      }

      @Override
      public LogIndexStats stats(List<Matcher> matchers) {
        List<Entry> es = scan(tenant, matchers, minNanos, maxNanos);
        long bytes = 0;
        for (Entry e : es) {
          bytes += e.line().getBytes(StandardCharsets.UTF_8).length;
        }
        long streams = streams(matchers).size();
        return new LogIndexStats(streams, streams, es.size(), bytes);
      }

      @Override
      public void close() {}
    };
  }

  private static final class ListCursor implements LogCursor {
    private final List<Entry> entries;
    private int i = -1;
    private byte[] line = new byte[0];

    ListCursor(List<Entry> entries) {
      this.entries = entries;
    }

    @Override
    public boolean next() {
      if (++i >= entries.size()) {
        return false;
      }
      line = entries.get(i).line().getBytes(StandardCharsets.UTF_8);
      return true;
    }

    @Override
    public long timestampNanos() {
      return entries.get(i).timestampNanos();
    }

    @Override
    public byte[] lineBytes() {
      return line;
    }

    @Override
    public int lineOffset() {
      return 0;
    }

    @Override
    public int lineLength() {
      return line.length;
    }

    @Override
    public Labels metadata() {
      return Labels.EMPTY;
    }
  }
}
