package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.logs.segment.SegmentReader;
import io.moraine.logs.segment.SegmentWriter;
import io.moraine.logs.wal.LogWal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Moves blocks from the head to segment files: cuts aged, idle (or, when forced, all) open blocks,
 * writes each tenant's cut blocks to a new segment, publishes it and drops the blocks from the head
 * atomically, then truncates the WAL below the oldest entry still only in the head. One flush at a
 * time.
 */
final class Flusher {
  private final LogStore store;
  private final Head head;
  private final Segments segments;
  private final LogWal wal;
  private final FlushedPositions flushed;
  private final LogStoreOptions options;
  private final Clock clock;

  Flusher(
      LogStore store,
      Head head,
      Segments segments,
      LogWal wal,
      FlushedPositions flushed,
      LogStoreOptions o) {
    this.store = store;
    this.head = head;
    this.segments = segments;
    this.wal = wal;
    this.flushed = flushed;
    this.options = o;
    this.clock = store.clock();
  }

  synchronized void flush(boolean all) {
    try {
      long now = clock.nowMillis();
      boolean everything = all || head.bytes.get() > options.maxHeadBytes();
      for (Head.Tenant t : head.tenants()) {
        flushTenant(t, now, everything);
      }
      truncateWal();
    } catch (IOException e) {
      throw new UncheckedIOException("log flush failed", e);
    }
  }

  private void flushTenant(Head.Tenant t, long now, boolean everything) throws IOException {
    Map<Labels, List<MemStream.CutBlock>> toWrite = new TreeMap<>();
    for (MemStream s : t.streams.values()) {
      if (s.hasOpen()
          && (everything
              || now - s.openSinceMillis() >= options.maxBlockAge().toMillis()
              || now - s.lastAppendMillis() >= options.idlePeriod().toMillis())) {
        head.cut(s);
      }
      List<MemStream.CutBlock> cut = s.cutBlocks();
      if (!cut.isEmpty()) {
        toWrite.put(s.labels, cut);
      }
    }
    @Nullable SegmentReader reader = null;
    if (!toWrite.isEmpty()) {
      Path file = segments.newFile(t.id);
      try (SegmentWriter w = new SegmentWriter(file)) {
        for (Map.Entry<Labels, List<MemStream.CutBlock>> e : toWrite.entrySet()) {
          w.beginStream(e.getKey());
          for (MemStream.CutBlock c : e.getValue()) {
            w.addBlock(c.block());
          }
        }
        w.finish();
      }
      reader = SegmentReader.open(file);
    }
    publish(t, toWrite, reader, now);
  }

  private void publish(
      Head.Tenant t,
      Map<Labels, List<MemStream.CutBlock>> written,
      @Nullable SegmentReader reader,
      long now) {
    store.stateLock.writeLock().lock();
    try {
      if (reader != null) {
        List<SegmentReader> list = new ArrayList<>(segments.of(t.id));
        list.add(reader);
        segments.set(t.id, list);
      }
      for (Map.Entry<Labels, List<MemStream.CutBlock>> e : written.entrySet()) {
        MemStream s = t.streams.get(e.getKey());
        if (s == null) {
          continue;
        }
        s.removeFlushed(e.getValue());
        for (MemStream.CutBlock c : e.getValue()) {
          head.bytes.addAndGet(-c.block().bytes().length);
          flushed.put(t.id, e.getKey(), c.lastWalPosition(), c.lastIndex());
        }
      }
      t.streams
          .values()
          .removeIf(
              s -> s.isEmpty() && now - s.lastAppendMillis() >= options.idlePeriod().toMillis());
    } finally {
      store.stateLock.writeLock().unlock();
    }
  }

  private void truncateWal() throws IOException {
    store.stateLock.writeLock().lock();
    try {
      int oldest = Integer.MAX_VALUE;
      for (Head.Tenant t : head.tenants()) {
        for (MemStream s : t.streams.values()) {
          oldest = Math.min(oldest, s.oldestWalSegment());
        }
      }
      if (oldest == Integer.MAX_VALUE) {
        oldest = wal.currentHasRecords() ? wal.cut() : wal.currentSegment();
      }
      flushed.save(Math.min(oldest, wal.firstSegment()));
      wal.truncateBefore(oldest);
    } finally {
      store.stateLock.writeLock().unlock();
    }
  }
}
