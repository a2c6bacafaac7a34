package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogIndexStats;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.logs.segment.BlockCodec;
import io.moraine.logs.segment.BlockMeta;
import io.moraine.logs.segment.SegmentReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A read view of one tenant: the head as it was at creation (cut blocks and an open-block snapshot
 * per stream) and the segment files of that moment, pinned until {@link #close()}. Not thread-safe.
 */
final class StoreQuerier implements LogQuerier {
  private record HeadView(
      Labels labels, List<MemStream.CutBlock> cut, MemStream.@Nullable OpenSnapshot open) {}

  private final List<HeadView> head = new ArrayList<>();
  private final List<SegmentReader> segments;
  private final long min;
  private final long max;
  private final BlockCodec codec = new BlockCodec();
  private final BlockSource.Scratch scratch = new BlockSource.Scratch();
  private boolean closed;

  StoreQuerier(
      Head.@Nullable Tenant tenant, List<SegmentReader> retained, long minNanos, long maxNanos) {
    this.segments = retained;
    this.min = minNanos;
    this.max = maxNanos;
    if (tenant != null) {
      for (MemStream s : tenant.streams.values()) {
        head.add(new HeadView(s.labels, s.cutBlocks(), s.snapshot()));
      }
    }
  }

  @Override
  public LogStreamSet select(List<Matcher> matchers, LogSelectHints hints) {
    boolean selective = false;
    for (Matcher m : matchers) {
      selective |= !m.matchesEmpty();
    }
    if (!selective) {
      throw new IllegalArgumentException(
          "queries require at least one regexp or equality matcher that does not have an empty"
              + " match. (e.g. app=~\".*\" does not meet this requirement, but app=~\".+\" will)");
    }
    Map<Labels, List<BlockSource>> streams = collect(matchers);
    Iterator<Map.Entry<Labels, List<BlockSource>>> it = streams.entrySet().iterator();
    return new LogStreamSet() {
      private Map.@Nullable Entry<Labels, List<BlockSource>> current;

      @Override
      public boolean next() {
        current = it.hasNext() ? it.next() : null;
        return current != null;
      }

      @Override
      public Labels labels() {
        return entry().getKey();
      }

      @Override
      public LogCursor cursor() {
        return new StreamCursor(entry().getValue(), min, max, hints, codec, scratch);
      }

      private Map.Entry<Labels, List<BlockSource>> entry() {
        if (current == null) {
          throw new IllegalStateException("no current stream: call next() first");
        }
        return current;
      }
    };
  }

  /** Streams matching every matcher with a run overlapping the range, each with those runs. */
  private Map<Labels, List<BlockSource>> collect(List<Matcher> matchers) {
    ensureOpen();
    Map<Labels, List<BlockSource>> out = new TreeMap<>();
    for (int i = 0; i < segments.size(); i++) {
      SegmentReader r = segments.get(i);
      if (r.maxTs() < min || r.minTs() > max) {
        continue;
      }
      List<SegmentReader.Stream> all = r.streams();
      for (int id : candidates(r, matchers)) {
        SegmentReader.Stream s = all.get(id);
        if (!matches(s.labels(), matchers)) {
          continue;
        }
        List<BlockMeta> blocks = s.blocks();
        for (int b = 0; b < blocks.size(); b++) {
          BlockMeta m = blocks.get(b);
          if (m.overlaps(min, max)) {
            long order = ((long) (i + 1) << 32) | b;
            out.computeIfAbsent(s.labels(), k -> new ArrayList<>())
                .add(new BlockSource.FileBlock(r, m, order));
          }
        }
      }
    }
    for (HeadView h : head) {
      if (!matches(h.labels(), matchers)) {
        continue;
      }
      for (MemStream.CutBlock c : h.cut()) {
        if (c.block().meta().overlaps(min, max)) {
          out.computeIfAbsent(h.labels(), k -> new ArrayList<>())
              .add(new BlockSource.MemBlock(c.block(), (1L << 62) + c.seq()));
        }
      }
      MemStream.OpenSnapshot o = h.open();
      if (o != null && o.maxTs() >= min && o.minTs() <= max) {
        out.computeIfAbsent(h.labels(), k -> new ArrayList<>())
            .add(new BlockSource.OpenBlock(o, Long.MAX_VALUE));
      }
    }
    return out;
  }

  /** Stream indexes of a segment that may match: postings of the first selective matcher. */
  private static int[] candidates(SegmentReader r, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (m.matchesEmpty()) {
        continue;
      }
      if (m.type() == Matcher.Type.EQ) {
        return r.postings(m.name(), m.value());
      }
      TreeSet<Integer> ids = new TreeSet<>();
      List<String> set = m.setMatches();
      if (set != null) {
        for (String v : set) {
          for (int id : r.postings(m.name(), v)) {
            ids.add(id);
          }
        }
      } else {
        for (Map.Entry<String, int[]> e : r.values(m.name()).entrySet()) {
          if (m.matches(e.getKey())) {
            for (int id : e.getValue()) {
              ids.add(id);
            }
          }
        }
      }
      return ids.stream().mapToInt(Integer::intValue).toArray();
    }
    int[] all = new int[r.streams().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** Whether {@code l} satisfies every matcher (a missing label reads as ""). */
  static boolean matches(Labels l, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(l.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<Labels> series(List<Matcher> matchers) {
    return List.copyOf(collect(matchers).keySet());
  }

  @Override
  public List<String> labelNames(List<Matcher> matchers) {
    TreeSet<String> names = new TreeSet<>();
    for (Labels l : collect(matchers).keySet()) {
      for (int i = 0; i < l.size(); i++) {
        names.add(l.name(i));
      }
    }
    return List.copyOf(names);
  }

  @Override
  public List<String> labelValues(String name, List<Matcher> matchers) {
    TreeSet<String> values = new TreeSet<>();
    for (Labels l : collect(matchers).keySet()) {
      String v = l.get(name);
      if (v != null) {
        values.add(v);
      }
    }
    return List.copyOf(values);
  }

  @Override
  public LogIndexStats stats(List<Matcher> matchers) {
    long streams = 0;
    long chunks = 0;
    long entries = 0;
    long bytes = 0;
    for (List<BlockSource> runs : collect(matchers).values()) {
      streams++;
      for (BlockSource s : runs) {
        chunks++;
        entries += s.entries();
        bytes += s.lineBytes();
      }
    }
    return new LogIndexStats(streams, chunks, entries, bytes);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("querier is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      for (SegmentReader r : segments) {
        r.release();
      }
    }
  }
}
