package io.moraine.promql.engine;

import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Instant vector selectors: for every step, the newest sample at or before the step (minus the
 * offset) and no older than the lookback delta, unless that sample is a staleness marker. One pass
 * over each series' samples serves all steps.
 */
final class Selectors {
  private Selectors() {}

  /**
   * Evaluates {@code vs} at every step.
   *
   * @param timestamps when true, a row holds the chosen sample's time in seconds instead of its
   *     value ({@code timestamp(selector)}), and the metric name is dropped
   */
  static EvalResult.Vector instant(
      Evaluation ev, VectorSelector vs, Steps steps, boolean timestamps) {
    long lookback = ev.options().lookbackDeltaMillis();
    long[] targets = targets(ev, vs.at(), vs.offsetMillis(), steps);
    long mint = min(targets) - lookback;
    long maxt = max(targets);
    SeriesSet set = select(ev, vs.matchers(), mint, maxt);
    List<Row> rows = new ArrayList<>();
    SampleIterator it = null;
    while (set.next()) {
      ev.context().check();
      Series s = set.at();
      it = s.iterator(it);
      ev.checkTransient(steps.count()); // before allocating a row that could not be kept anyway
      Row row = Row.empty(timestamps ? LabelOps.dropName(s.labels()) : s.labels(), steps.count());
      fill(it, targets, lookback, row, timestamps);
      if (!row.isEmpty()) {
        ev.countSamples(row.present.cardinality());
        rows.add(row);
      }
    }
    return new EvalResult.Vector(rows);
  }

  /** Per step, the time a selector reads at: the step (or the {@code @} time) minus the offset. */
  static long[] targets(Evaluation ev, @Nullable At at, long offsetMillis, Steps steps) {
    long[] t = new long[steps.count()];
    for (int i = 0; i < t.length; i++) {
      t[i] = ev.atTime(at, steps.at(i)) - offsetMillis;
    }
    return t;
  }

  static SeriesSet select(Evaluation ev, List<Matcher> matchers, long mint, long maxt) {
    return ev.querier()
        .select(false, new SelectHints(mint, maxt), matchers.toArray(new Matcher[0]));
  }

  private static void fill(
      SampleIterator it, long[] targets, long lookback, Row row, boolean timestamps) {
    // The newest sample at or before the current target, and the one after it (if read).
    long prevT = Long.MIN_VALUE;
    double prevV = 0;
    boolean havePrev = false;
    boolean havePending = false;
    long pendT = 0;
    double pendV = 0;
    boolean exhausted = !it.seek(min(targets) - lookback);
    if (!exhausted) {
      havePending = true;
      pendT = it.atT();
      pendV = it.atV();
    }
    long lastTarget = Long.MIN_VALUE;
    for (int i = 0; i < targets.length; i++) {
      long target = targets[i];
      if (target < lastTarget) {
        throw new IllegalStateException("BUG: selector targets not ascending");
      }
      lastTarget = target;
      while (havePending && pendT <= target) {
        prevT = pendT;
        prevV = pendV;
        havePrev = true;
        if (it.next()) {
          pendT = it.atT();
          pendV = it.atV();
        } else {
          havePending = false;
        }
      }
      if (havePrev && prevT >= target - lookback && !StaleNaN.isStale(prevV)) {
        row.set(i, timestamps ? prevT / 1000.0 : prevV);
      }
    }
  }

  static long min(long[] a) {
    long m = Long.MAX_VALUE;
    for (long v : a) {
      m = Math.min(m, v);
    }
    return m;
  }

  static long max(long[] a) {
    long m = Long.MIN_VALUE;
    for (long v : a) {
      m = Math.max(m, v);
    }
    return m;
  }
}
