package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.VectorAggregation;
import io.moraine.logs.logql.ast.VectorOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sum, avg, min, max, count, stddev, stdvar, topk, bottomk, sort and sort_desc over each step's
 * vector, grouped by {@code by}/{@code without}, with Loki 2.9's arithmetic. Groups come out in the
 * order their first sample came in; topk/bottomk keep, among equal values, the samples that came
 * first. Not thread-safe.
 */
final class VectorAggregationEvaluator implements StepEvaluator {
  private final VectorAggregation expr;
  private final StepEvaluator inner;

  /** Each input label set's group, computed once: a series keeps its labels from step to step. */
  private final Map<Labels, Labels> keys = new HashMap<>();

  private List<SeriesSample> samples = List.of();

  VectorAggregationEvaluator(VectorAggregation expr, StepEvaluator inner) {
    this.expr = expr;
    this.inner = inner;
  }

  @Override
  public boolean next() {
    if (!inner.next()) {
      return false;
    }
    samples = aggregate(inner.samples());
    return true;
  }

  private List<SeriesSample> aggregate(List<SeriesSample> in) {
    VectorOp op = expr.op();
    if ((op == VectorOp.TOPK || op == VectorOp.BOTTOMK) && expr.k() < 1) {
      return new ArrayList<>();
    }
    Map<Labels, Group> groups = new LinkedHashMap<>();
    for (SeriesSample s : in) {
      Labels key = keys.get(s.labels());
      if (key == null) {
        key = Groupings.apply(expr.grouping(), s.labels());
        keys.put(s.labels(), key);
      }
      Group g = groups.get(key);
      if (g == null) {
        groups.put(key, new Group(key, s));
      } else {
        g.add(op, s, expr.k());
      }
    }
    List<SeriesSample> out = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      g.emit(op, out);
    }
    return out;
  }

  @Override
  public long timestampMillis() {
    return inner.timestampMillis();
  }

  @Override
  public List<SeriesSample> samples() {
    return samples;
  }

  /** One group's running aggregate. */
  private static final class Group {
    private final Labels labels;
    private double value;
    private double mean;
    private double m2;
    private int count = 1;
    private final List<SeriesSample> kept = new ArrayList<>();

    Group(Labels labels, SeriesSample first) {
      this.labels = labels;
      this.value = first.value();
      this.mean = first.value();
      kept.add(first);
    }

    void add(VectorOp op, SeriesSample s, int k) {
      double v = s.value();
      switch (op) {
        case SUM -> value += v;
        case AVG -> {
          count++;
          mean += (v - mean) / count;
        }
        case MAX -> value = value < v || Double.isNaN(value) ? v : value;
        case MIN -> value = value > v || Double.isNaN(value) ? v : value;
        case COUNT -> count++;
        case STDDEV, STDVAR -> {
          count++;
          double delta = v - mean;
          mean += delta / count;
          m2 += delta * (v - mean);
        }
        case TOPK -> keep(s, k, true);
        case BOTTOMK -> keep(s, k, false);
        case SORT, SORT_DESC -> kept.add(s);
      }
    }

    /** Replaces the weakest kept sample when {@code s} beats it strictly (or it is NaN). */
    private void keep(SeriesSample s, int k, boolean top) {
      if (kept.size() < k) {
        kept.add(s);
        return;
      }
      int weakest = 0;
      for (int i = 1; i < kept.size(); i++) {
        if (weaker(kept.get(i).value(), kept.get(weakest).value(), top)) {
          weakest = i;
        }
      }
      double w = kept.get(weakest).value();
      if (Double.isNaN(w) || (top ? w < s.value() : w > s.value())) {
        kept.remove(weakest);
        kept.add(s);
      }
    }

    private static boolean weaker(double a, double b, boolean top) {
      if (Double.isNaN(a)) {
        return !Double.isNaN(b);
      }
      return top ? a < b : a > b;
    }

    void emit(VectorOp op, List<SeriesSample> out) {
      switch (op) {
        case AVG -> out.add(new SeriesSample(labels, mean));
        case COUNT -> out.add(new SeriesSample(labels, count));
        case STDDEV -> out.add(new SeriesSample(labels, Math.sqrt(stdvarValue())));
        case STDVAR -> out.add(new SeriesSample(labels, stdvarValue()));
        case TOPK, SORT_DESC -> sorted(out, true);
        case BOTTOMK, SORT -> sorted(out, false);
        default -> out.add(new SeriesSample(labels, value));
      }
    }

    private double stdvarValue() {
      return m2 / count;
    }

    private void sorted(List<SeriesSample> out, boolean descending) {
      Comparator<SeriesSample> byValue = Comparator.comparingDouble(SeriesSample::value);
      List<SeriesSample> copy = new ArrayList<>(kept);
      copy.sort(descending ? byValue.reversed() : byValue);
      out.addAll(copy);
    }
  }
}
