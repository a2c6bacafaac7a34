package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SeriesSet;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.value.SeriesPoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Range vectors: matrix selectors read from the store, subqueries evaluated at their own steps. */
final class RangeSources {
  private RangeSources() {}

  static RangeSource of(Evaluation ev, MatrixSelector ms, Steps steps) {
    return new SelectorSource(ev, ms, steps);
  }

  static RangeSource of(Evaluation ev, SubqueryExpr sq, Steps steps) {
    long[] ends = Selectors.targets(ev, sq.at(), sq.offsetMillis(), steps);
    long interval =
        sq.stepMillis() > 0 ? sq.stepMillis() : ev.options().defaultSubqueryStepMillis();
    long rawStart = Selectors.min(ends) - sq.rangeMillis();
    long start = interval * (rawStart / interval); // Go's truncating division, as 2.42
    if (start < rawStart) {
      start += interval;
    }
    long end = Selectors.max(ends);
    List<Row> rows = List.of();
    Steps inner = null;
    if (end >= start) {
      long count = (end - start) / interval + 1;
      if (count > ev.options().maxSamples()) {
        throw new QueryException.TooManySamples(); // each inner step holds at least one sample
      }
      inner = new Steps(start, interval, (int) count);
      rows = Evaluation.vector(ev.eval(sq.expr(), inner)).rows();
    }
    return new SubquerySource(rows, inner, ends, sq.rangeMillis());
  }

  /**
   * The points of each series inside its window, for an instant query whose result is a range
   * vector.
   */
  static EvalResult.Matrix materialize(RangeSource src, Steps steps) {
    if (steps.count() != 1) {
      throw new QueryException.BadData(
          "invalid expression type \"range vector\" for range query, must be Scalar or instant"
              + " Vector");
    }
    List<SeriesPoints> out = new ArrayList<>();
    long end = src.windowEnd(0);
    long start = end - src.rangeMillis();
    while (src.next()) {
      long[] ts = src.ts();
      double[] vs = src.vs();
      int from = 0;
      while (from < src.size() && ts[from] < start) {
        from++;
      }
      int to = from;
      while (to < src.size() && ts[to] <= end) {
        to++;
      }
      if (to > from) {
        out.add(
            new SeriesPoints(
                src.labels(),
                Arrays.copyOfRange(ts, from, to),
                Arrays.copyOfRange(vs, from, to),
                to - from));
      }
    }
    return new EvalResult.Matrix(out);
  }

  /** The current series' points and the per-step windows, shared by both sources. */
  private abstract static class Buffered implements RangeSource {
    final long[] ends;
    final long rangeMillis;
    Labels labels = Labels.EMPTY;
    long[] ts = new long[0];
    double[] vs = new double[0];
    int size;

    Buffered(long[] ends, long rangeMillis) {
      this.ends = ends;
      this.rangeMillis = rangeMillis;
    }

    @Override
    public Labels labels() {
      return labels;
    }

    @Override
    public long[] ts() {
      return ts;
    }

    @Override
    public double[] vs() {
      return vs;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public long windowEnd(int step) {
      return ends[step];
    }

    @Override
    public long rangeMillis() {
      return rangeMillis;
    }
  }

  /** Raw samples of each selected series over the union of all windows, staleness markers out. */
  private static final class SelectorSource extends Buffered {
    private final Evaluation ev;
    private final MatrixSelector ms;
    private final SeriesSet set;
    private final long mint;
    private final long maxt;
    private @Nullable SampleIterator it;

    SelectorSource(Evaluation ev, MatrixSelector ms, Steps steps) {
      super(
          Selectors.targets(ev, ms.selector().at(), ms.selector().offsetMillis(), steps),
          ms.rangeMillis());
      this.ev = ev;
      this.ms = ms;
      this.ts = new long[64];
      this.vs = new double[64];
      VectorSelector vs = ms.selector();
      this.mint = Selectors.min(ends) - ms.rangeMillis();
      this.maxt = Selectors.max(ends);
      this.set = Selectors.select(ev, vs.matchers(), mint, maxt);
    }

    @Override
    public boolean next() {
      while (set.next()) {
        ev.context().check();
        var s = set.at();
        it = s.iterator(it);
        size = 0;
        if (it.seek(mint)) {
          do {
            long t = it.atT();
            if (t > maxt) {
              break;
            }
            double v = it.atV();
            if (!StaleNaN.isStale(v)) {
              add(t, v);
            }
          } while (it.next());
        }
        ev.checkTransient(size);
        labels = s.labels();
        return true;
      }
      return false;
    }

    private void add(long t, double v) {
      if (size == ts.length) {
        ts = Arrays.copyOf(ts, size * 2);
        vs = Arrays.copyOf(vs, size * 2);
      }
      ts[size] = t;
      vs[size] = v;
      size++;
    }

    @Override
    public VectorSelector selector() {
      return ms.selector();
    }
  }

  /** The rows of an evaluated subquery as point arrays. */
  private static final class SubquerySource extends Buffered {
    private final List<Row> rows;
    private final @Nullable Steps inner;
    private int next;

    SubquerySource(List<Row> rows, @Nullable Steps inner, long[] ends, long rangeMillis) {
      super(ends, rangeMillis);
      this.rows = rows;
      this.inner = inner;
    }

    @Override
    public boolean next() {
      if (next >= rows.size() || inner == null) {
        return false;
      }
      Row row = rows.get(next++);
      int n = row.present.cardinality();
      if (ts.length < n) {
        ts = new long[n];
        vs = new double[n];
      }
      size = 0;
      for (int i = row.present.nextSetBit(0); i >= 0; i = row.present.nextSetBit(i + 1)) {
        ts[size] = inner.at(i);
        vs[size] = row.values[i];
        size++;
      }
      labels = row.labels;
      return true;
    }

    @Override
    public @Nullable VectorSelector selector() {
      return null;
    }
  }
}
