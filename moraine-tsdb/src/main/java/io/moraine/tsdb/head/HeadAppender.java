package io.moraine.tsdb.head;

import io.moraine.core.labels.InvalidLabelsException;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.DuplicateSampleException;
import io.moraine.core.storage.InvalidSeriesException;
import io.moraine.core.storage.OutOfBoundsSampleException;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.UnknownSeriesRefException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An appender on the head. Samples are checked on append, buffered in primitive arrays, logged to
 * the WAL as one batch on commit and only then applied to the series.
 */
final class HeadAppender implements Appender {
  private final Head head;
  private final long lowerBound;
  private MemSeries[] series = new MemSeries[64];
  private long[] ts = new long[64];
  private double[] vs = new double[64];
  private int n;
  private boolean done;

  HeadAppender(Head head, long lowerBound) {
    this.head = head;
    this.lowerBound = lowerBound;
  }

  @Override
  public long append(Labels labels, long t, double v) {
    ensureOpen();
    MemSeries s = head.table().get(labels);
    if (s == null) {
      try {
        LabelValidation.validate(labels);
      } catch (InvalidLabelsException e) {
        head.stats().invalidLabels.increment();
        throw new InvalidSeriesException(String.valueOf(e.getMessage()));
      }
      s = head.getOrCreate(labels);
    }
    add(s, t, v);
    return s.id;
  }

  @Override
  public long append(long ref, long t, double v) {
    ensureOpen();
    MemSeries s = ref > 0 && ref <= Integer.MAX_VALUE ? head.table().get((int) ref) : null;
    if (s == null) {
      head.stats().unknownRef.increment();
      throw new UnknownSeriesRefException("unknown series ref " + ref);
    }
    add(s, t, v);
    return ref;
  }

  private void add(MemSeries s, long t, double v) {
    if (t < lowerBound) {
      head.stats().tooOld.increment();
      throw new OutOfBoundsSampleException(
          "sample at " + t + " is older than the head's lower bound " + lowerBound);
    }
    switch (s.check(t, v, this)) {
      case OK -> {
        if (n == ts.length) {
          int cap = n * 2;
          series = Arrays.copyOf(series, cap);
          ts = Arrays.copyOf(ts, cap);
          vs = Arrays.copyOf(vs, cap);
        }
        series[n] = s;
        ts[n] = t;
        vs[n] = v;
        n++;
      }
      case DUPLICATE_OK -> {}
      case OUT_OF_ORDER -> {
        head.stats().outOfOrder.increment();
        throw new OutOfOrderSampleException("out of order sample at " + t + " for " + s.labels);
      }
      case DUPLICATE -> {
        head.stats().duplicate.increment();
        throw new DuplicateSampleException(
            "duplicate sample for timestamp " + t + " with a different value for " + s.labels);
      }
    }
  }

  @Override
  public void commit() {
    ensureOpen();
    done = true;
    if (n == 0) {
      return;
    }
    List<MemSeries> unlogged = new ArrayList<>();
    Set<MemSeries> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    int[] refs = new int[n];
    for (int i = 0; i < n; i++) {
      MemSeries s = series[i];
      refs[i] = s.id;
      if (!s.logged && seen.add(s)) {
        unlogged.add(s);
      }
    }
    try {
      head.log().log(unlogged, refs, ts, vs, n);
    } catch (RuntimeException e) {
      clearPending();
      throw e;
    }
    // Marked only once written: a concurrent batch that still sees false logs the series too,
    // so no sample ever precedes its series in the log (duplicates are harmless on replay).
    for (MemSeries s : unlogged) {
      s.logged = true;
    }
    head.apply(series, ts, vs, n);
  }

  @Override
  public void rollback() {
    ensureOpen();
    done = true;
    clearPending();
  }

  private void clearPending() {
    for (int i = 0; i < n; i++) {
      series[i].clearPending(this);
    }
  }

  private void ensureOpen() {
    if (done) {
      throw new IllegalStateException("BUG: appender used after commit or rollback");
    }
  }
}
