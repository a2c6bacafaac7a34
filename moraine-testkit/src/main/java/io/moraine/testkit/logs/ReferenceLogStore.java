package io.moraine.testkit.logs;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogEntryRejectedException;
import io.moraine.core.logs.LogIndexStats;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-memory log store that is obviously correct and slow: per tenant, per stream, a list of
 * entries in append order; queries copy, filter and sort. The oracle of differential tests.
 * Thread-safe (every method synchronized on the store).
 *
 * <p>Rules as Loki 2.9 with unordered writes: an entry older than its stream's newest minus the
 * out-of-order window is rejected ({@code too_far_behind}); one equal in stream, timestamp and line
 * to a stored entry is dropped; a new stream past the per-tenant limit is rejected ({@code
 * stream_limit}). Time-stamps are compared in nanoseconds.
 */
public final class ReferenceLogStore implements LogAppendable, LogQueryable, AutoCloseable {
  /** One stored entry. */
  public record Entry(long timestampNanos, String line, Labels metadata) {}

  private final long windowNanos;
  private final int maxStreams;
  private final Map<String, Map<Labels, List<Entry>>> tenants = new HashMap<>();

  /**
   * @param outOfOrderWindow how far behind its stream's newest entry an entry may be
   * @param maxStreamsPerTenant streams a tenant may have
   */
  public ReferenceLogStore(Duration outOfOrderWindow, int maxStreamsPerTenant) {
    this.windowNanos = outOfOrderWindow.toNanos();
    this.maxStreams = maxStreamsPerTenant;
  }

  /**
   * Appends and commits one entry without metadata (a shorthand for tests that fill the store).
   *
   * @throws LogEntryRejectedException as {@link LogAppender#append}
   */
  public ReferenceLogStore add(String tenant, Labels stream, long timestampNanos, String line) {
    LogAppender a = appender(tenant);
    a.append(stream, timestampNanos, line, Labels.EMPTY);
    a.commit();
    return this;
  }

  @Override
  public LogAppender appender(String tenant) {
    return new LogAppender() {
      private final List<Object[]> batch = new ArrayList<>();

      @Override
      public void append(
          Labels stream, long ts, byte[] line, int offset, int length, Labels metadata) {
        synchronized (ReferenceLogStore.this) {
          Map<Labels, List<Entry>> streams = tenants.getOrDefault(tenant, Map.of());
          List<Entry> stored = streams.get(stream);
          long newest = Long.MIN_VALUE;
          boolean known = stored != null;
          if (stored != null) {
            for (Entry e : stored) {
              newest = Math.max(newest, e.timestampNanos());
            }
          }
          TreeSet<Labels> newStreams = new TreeSet<>();
          for (Object[] b : batch) {
            if (b[0].equals(stream)) {
              newest = Math.max(newest, (Long) b[1]);
              known = true;
            } else if (!streams.containsKey((Labels) b[0])) {
              newStreams.add((Labels) b[0]);
            }
          }
          if (!known && streams.size() + newStreams.size() >= maxStreams) {
            throw new LogEntryRejectedException("stream_limit", "stream limit for " + tenant);
          }
          if (newest != Long.MIN_VALUE && ts < newest - windowNanos) {
            throw new LogEntryRejectedException("too_far_behind", "too far behind: " + stream);
          }
          String s = new String(line, offset, length, StandardCharsets.UTF_8);
          batch.add(new Object[] {stream, ts, s, metadata});
        }
      }

      @Override
      public int commit() {
        synchronized (ReferenceLogStore.this) {
          Map<Labels, List<Entry>> streams = tenants.computeIfAbsent(tenant, t -> new HashMap<>());
          int accepted = 0;
          for (Object[] b : batch) {
            List<Entry> list = streams.computeIfAbsent((Labels) b[0], l -> new ArrayList<>());
            Entry e = new Entry((Long) b[1], (String) b[2], (Labels) b[3]);
            boolean dup = false;
            for (Entry x : list) {
              dup |= x.timestampNanos() == e.timestampNanos() && x.line().equals(e.line());
            }
            if (!dup) {
              list.add(e);
              accepted++;
            }
          }
          batch.clear();
          return accepted;
        }
      }

      @Override
      public void rollback() {
        batch.clear();
      }
    };
  }

  @Override
  public synchronized LogQuerier querier(String tenant, long minNanos, long maxNanos) {
    Map<Labels, List<Entry>> copy = new TreeMap<>();
    for (var e : tenants.getOrDefault(tenant, Map.of()).entrySet()) {
      List<Entry> in = new ArrayList<>();
      for (Entry x : e.getValue()) {
        if (x.timestampNanos() >= minNanos && x.timestampNanos() <= maxNanos) {
          in.add(x);
        }
      }
      if (!in.isEmpty()) {
        in.sort(Comparator.comparingLong(Entry::timestampNanos));
        copy.put(e.getKey(), in);
      }
    }
    return new Querier(copy);
  }

  @Override
  public void close() {}

  private static boolean matches(Labels l, List<Matcher> ms) {
    for (Matcher m : ms) {
      if (!m.matches(l.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  private record Querier(Map<Labels, List<Entry>> streams) implements LogQuerier {
    @Override
    public LogStreamSet select(List<Matcher> matchers, LogSelectHints hints) {
      if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
        throw new IllegalArgumentException("at least one matcher must not match the empty string");
      }
      List<Map.Entry<Labels, List<Entry>>> picked = new ArrayList<>();
      for (var e : streams.entrySet()) {
        if (matches(e.getKey(), matchers)) {
          List<Entry> l = new ArrayList<>(e.getValue());
          if (hints.direction() == Direction.BACKWARD) {
            java.util.Collections.reverse(l);
          }
          picked.add(Map.entry(e.getKey(), l));
        }
      }
      return new LogStreamSet() {
        int i = -1;

        @Override
        public boolean next() {
          return ++i < picked.size();
        }

        @Override
        public Labels labels() {
          return picked.get(i).getKey();
        }

        @Override
        public LogCursor cursor() {
          return new ListCursor(picked.get(i).getValue());
        }
      };
    }

    @Override
    public List<Labels> series(List<Matcher> matchers) {
      List<Labels> out = new ArrayList<>();
      for (Labels l : streams.keySet()) {
        if (matches(l, matchers)) {
          out.add(l);
        }
      }
      return out;
    }

    @Override
    public List<String> labelNames(List<Matcher> matchers) {
      TreeSet<String> out = new TreeSet<>();
      for (Labels l : series(matchers)) {
        for (int i = 0; i < l.size(); i++) {
          out.add(l.name(i));
        }
      }
      return List.copyOf(out);
    }

    @Override
    public List<String> labelValues(String name, List<Matcher> matchers) {
      TreeSet<String> out = new TreeSet<>();
      for (Labels l : series(matchers)) {
        String v = l.get(name);
        if (v != null) {
          out.add(v);
        }
      }
      return List.copyOf(out);
    }

    @Override
    public LogIndexStats stats(List<Matcher> matchers) {
      long entries = 0;
      long bytes = 0;
      List<Labels> s = series(matchers);
      for (Labels l : s) {
        for (Entry e : streams.getOrDefault(l, List.of())) {
          entries++;
          bytes += e.line().getBytes(StandardCharsets.UTF_8).length;
        }
      }
      return new LogIndexStats(s.size(), s.size(), entries, bytes);
    }

    @Override
    public void close() {}
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
      return Arrays.copyOf(line, line.length);
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
      return entries.get(i).metadata();
    }
  }
}
