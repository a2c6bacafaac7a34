package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.logs.segment.BlockMeta;
import io.moraine.logs.segment.SegmentReader;
import io.moraine.logs.segment.SegmentWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what retention no longer keeps, at block granularity: a block goes when its newest entry
 * is older than its stream's period (the highest-priority matching {@link RetentionRule}, else
 * {@code retention}); a segment losing some blocks is rewritten without them (compressed bytes
 * copied, not recompressed), one losing all is deleted. Then, while the segments pass {@code
 * retentionBytes}, the oldest segment goes. Files under a querier are deleted when it closes. Only
 * flushed segments are subject to retention, not the head. One run at a time.
 */
final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final LogStore store;
  private final Segments segments;
  private final LogStoreOptions options;
  private final Clock clock;

  Retention(LogStore store, Segments segments, LogStoreOptions options, Clock clock) {
    this.store = store;
    this.segments = segments;
    this.options = options;
    this.clock = clock;
  }

  synchronized void enforce() {
    long nowNanos = clock.nowMillis() * 1_000_000L;
    try {
      for (String tenant : segments.tenants()) {
        for (SegmentReader r : segments.of(tenant)) {
          applyPeriods(tenant, r, nowNanos);
        }
      }
      enforceSize();
    } catch (IOException e) {
      throw new UncheckedIOException("log retention failed", e);
    }
  }

  private void applyPeriods(String tenant, SegmentReader r, long nowNanos) throws IOException {
    List<SegmentReader.Stream> streams = r.streams();
    long[] cutoffs = new long[streams.size()];
    int kept = 0;
    int dropped = 0;
    for (int i = 0; i < cutoffs.length; i++) {
      cutoffs[i] = cutoffNanos(streams.get(i).labels(), nowNanos);
      for (BlockMeta m : streams.get(i).blocks()) {
        if (m.maxTs() < cutoffs[i]) {
          dropped++;
        } else {
          kept++;
        }
      }
    }
    if (dropped == 0) {
      return;
    }
    SegmentReader replacement = kept == 0 ? null : rewrite(tenant, r, cutoffs);
    replace(tenant, r, replacement);
    LOG.atInfo()
        .addKeyValue("segment", r.file())
        .addKeyValue("blocksDropped", dropped)
        .addKeyValue("blocksKept", kept)
        .log("log retention applied");
  }

  /** Entries with timestamps below this are expired for the stream; MIN_VALUE: kept forever. */
  private long cutoffNanos(Labels stream, long nowNanos) {
    RetentionRule best = null;
    for (RetentionRule rule : options.retentionRules()) {
      if ((best == null || rule.priority() > best.priority())
          && StoreQuerier.matches(stream, rule.selector())) {
        best = rule;
      }
    }
    long period = best != null ? best.period().toNanos() : options.retention().toNanos();
    return period <= 0 ? Long.MIN_VALUE : nowNanos - period;
  }

  /** A copy of the segment without the blocks below their stream's cutoff. */
  private SegmentReader rewrite(String tenant, SegmentReader r, long[] cutoffs) throws IOException {
    Path file = segments.newFile(tenant);
    try (SegmentWriter w = new SegmentWriter(file)) {
      for (int i = 0; i < cutoffs.length; i++) {
        SegmentReader.Stream s = r.streams().get(i);
        boolean begun = false;
        for (BlockMeta m : s.blocks()) {
          if (m.maxTs() >= cutoffs[i]) {
            if (!begun) {
              w.beginStream(s.labels());
              begun = true;
            }
            w.addBlock(r.encoded(m));
          }
        }
      }
      w.finish();
    }
    return SegmentReader.open(file);
  }

  /** Swaps {@code old} for {@code replacement} (or nothing) and deletes it once unpinned. */
  private void replace(String tenant, SegmentReader old, @Nullable SegmentReader replacement) {
    store.stateLock.writeLock().lock();
    try {
      List<SegmentReader> list = new ArrayList<>(segments.of(tenant));
      int at = list.indexOf(old);
      if (replacement == null) {
        list.remove(at);
      } else {
        list.set(at, replacement);
      }
      segments.set(tenant, list);
    } finally {
      store.stateLock.writeLock().unlock();
    }
    old.markDeleted();
    old.release();
  }

  private void enforceSize() {
    long limit = options.retentionBytes();
    if (limit <= 0) {
      return;
    }
    while (segments.bytes() > limit) {
      String oldestTenant = null;
      SegmentReader oldest = null;
      for (String t : segments.tenants()) {
        for (SegmentReader r : segments.of(t)) {
          if (oldest == null || r.maxTs() < oldest.maxTs()) {
            oldest = r;
            oldestTenant = t;
          }
        }
      }
      if (oldest == null || oldestTenant == null) {
        return;
      }
      LOG.atInfo()
          .addKeyValue("segment", oldest.file())
          .addKeyValue("bytes", oldest.sizeBytes())
          .log("log size retention: deleting the oldest segment");
      replace(oldestTenant, oldest, null);
    }
  }
}
