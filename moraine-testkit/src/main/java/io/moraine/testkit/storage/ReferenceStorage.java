package io.moraine.testkit.storage;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The simplest correct in-memory {@link Storage}: the oracle of differential tests. Clarity beats
 * speed; every operation takes one lock and queriers copy what they see.
 *
 * <p>Semantics, as Prometheus' head:
 *
 * <ul>
 *   <li>Labels are checked with {@link io.moraine.core.labels.LabelValidation}; a bad label set is
 *       rejected with {@link io.moraine.core.storage.InvalidSeriesException} naming the label.
 *   <li>A sample older than the newest one of its series (committed, or pending in the same
 *       appender) is rejected with {@link io.moraine.core.storage.OutOfOrderSampleException}; one
 *       at the same time with different value bits with {@link
 *       io.moraine.core.storage.DuplicateSampleException}; one at the same time with the same bits
 *       is accepted silently and stored once.
 *   <li>Samples are invisible until commit and discarded by rollback. Commit re-checks each sample
 *       against what other appenders committed meanwhile and drops (and counts, see {@link
 *       #droppedAtCommit}) the ones that became out of order or duplicate, as Prometheus does.
 *   <li>A series ref is handed out on the first append by labels and stays valid for the life of
 *       the store, even when the batch that created it was rolled back. There is no lower time
 *       bound, so {@link io.moraine.core.storage.OutOfBoundsSampleException} is never thrown.
 *   <li>A querier copies the committed samples in its range when it is opened: later commits never
 *       change what it returns. It returns only series with samples in its range, always sorted.
 * </ul>
 *
 * <p>Thread-safe. Values are kept as raw bits, so NaN payloads and the stale marker survive.
 */
public final class ReferenceStorage implements Storage {
  private final Object lock = new Object();

  /** Committed samples: series → time (ms) → raw value bits. Guarded by {@link #lock}. */
  private final TreeMap<Labels, TreeMap<Long, Long>> committed;

  private final Map<Long, Labels> labelsByRef = new HashMap<>();
  private final Map<Labels, Long> refsByLabels = new HashMap<>();
  private long nextRef = 1;
  private long droppedAtCommit;
  private boolean closed;

  /** An empty store. */
  public ReferenceStorage() {
    this.committed = new TreeMap<>();
  }

  private ReferenceStorage(TreeMap<Labels, TreeMap<Long, Long>> committed) {
    this.committed = committed;
  }

  /**
   * A new open store holding this store's committed data, as a durable store finds it after a
   * restart. Series refs are not carried over. This store may be open or closed; it is not changed.
   */
  public ReferenceStorage reopened() {
    synchronized (lock) {
      TreeMap<Labels, TreeMap<Long, Long>> copy = new TreeMap<>();
      committed.forEach((labels, samples) -> copy.put(labels, new TreeMap<>(samples)));
      return new ReferenceStorage(copy);
    }
  }

  @Override
  public Appender appender() {
    synchronized (lock) {
      checkOpen();
    }
    return new ReferenceAppender(this);
  }

  /** A querier over a snapshot of the committed samples in {@code [mint, maxt]}. */
  @Override
  public Querier querier(long mint, long maxt) {
    List<ArraySeries> snapshot = new ArrayList<>();
    synchronized (lock) {
      checkOpen();
      if (mint <= maxt) {
        committed.forEach(
            (labels, samples) -> {
              NavigableMap<Long, Long> inRange = samples.subMap(mint, true, maxt, true);
              if (!inRange.isEmpty()) {
                snapshot.add(toArrays(labels, inRange));
              }
            });
      }
    }
    return new ReferenceQuerier(snapshot);
  }

  @Override
  public long minTime() {
    synchronized (lock) {
      long min = Long.MAX_VALUE;
      for (TreeMap<Long, Long> samples : committed.values()) {
        min = Math.min(min, samples.firstKey());
      }
      return min;
    }
  }

  @Override
  public long maxTime() {
    synchronized (lock) {
      long max = Long.MIN_VALUE;
      for (TreeMap<Long, Long> samples : committed.values()) {
        max = Math.max(max, samples.lastKey());
      }
      return max;
    }
  }

  /** Committed samples across all series. */
  public long sampleCount() {
    synchronized (lock) {
      long n = 0;
      for (TreeMap<Long, Long> samples : committed.values()) {
        n += samples.size();
      }
      return n;
    }
  }

  /**
   * Samples accepted by an appender but dropped at its commit because another appender had
   * committed a newer or conflicting sample of the same series in between.
   */
  public long droppedAtCommit() {
    synchronized (lock) {
      return droppedAtCommit;
    }
  }

  /** Idempotent. Appenders and queriers opened earlier must not be used afterwards. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  // --- for ReferenceAppender ---------------------------------------------------------------------

  /** The ref of a series, handing out a new one for labels never seen. */
  long refOf(Labels labels) {
    synchronized (lock) {
      checkOpen();
      Long ref = refsByLabels.get(labels);
      if (ref == null) {
        ref = nextRef++;
        refsByLabels.put(labels, ref);
        labelsByRef.put(ref, labels);
      }
      return ref;
    }
  }

  @Nullable Labels labelsOf(long ref) {
    synchronized (lock) {
      checkOpen();
      return labelsByRef.get(ref);
    }
  }

  /** The newest committed sample of a series as {@code {t, bits}}, or null when it has none. */
  long @Nullable [] newestCommitted(Labels labels) {
    synchronized (lock) {
      TreeMap<Long, Long> samples = committed.get(labels);
      if (samples == null) {
        return null;
      }
      Map.Entry<Long, Long> last = Objects.requireNonNull(samples.lastEntry());
      return new long[] {last.getKey(), last.getValue()};
    }
  }

  /** Makes a batch visible atomically, dropping what became out of order or duplicate. */
  void commit(List<ReferenceAppender.Pending> batch) {
    synchronized (lock) {
      checkOpen();
      for (ReferenceAppender.Pending p : batch) {
        TreeMap<Long, Long> samples = committed.computeIfAbsent(p.labels(), l -> new TreeMap<>());
        Map.Entry<Long, Long> last = samples.lastEntry();
        if (last == null || p.t() > last.getKey()) {
          samples.put(p.t(), p.valueBits());
        } else if (p.t() != last.getKey() || p.valueBits() != last.getValue()) {
          droppedAtCommit++;
        }
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("storage is closed");
    }
  }

  private static ArraySeries toArrays(Labels labels, NavigableMap<Long, Long> samples) {
    long[] times = new long[samples.size()];
    long[] bits = new long[samples.size()];
    int i = 0;
    for (Map.Entry<Long, Long> e : samples.entrySet()) {
      times[i] = e.getKey();
      bits[i] = e.getValue();
      i++;
    }
    return new ArraySeries(labels, times, bits);
  }
}
