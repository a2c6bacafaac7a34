package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.SampleExpr;
import io.moraine.logs.logql.ast.VectorLiteral;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a metric expression's steps and shapes the result as Loki's engine does: a scalar for a
 * literal, a vector (sorted by labels unless the query sorts) for an instant query, a matrix sorted
 * by labels for a range query; the series limit checked after every step.
 */
final class MetricQuery {
  private MetricQuery() {}

  static QueryResult instant(QueryContext ctx, SampleExpr expr, long timeNanos) {
    Double c = Evaluators.constant(expr);
    if (c != null) {
      return new QueryResult.Scalar(timeNanos / 1_000_000, c);
    }
    QueryParams params = new QueryParams(timeNanos, timeNanos, 0);
    StepEvaluator ev = Evaluators.build(ctx, expr, params);
    if (!ev.next()) {
      return new QueryResult.Vector(List.of());
    }
    List<SeriesSample> samples = new ArrayList<>(ev.samples());
    if (samples.size() > ctx.options.maxSeries()) {
      throw new SeriesLimitException(ctx.options.maxSeries());
    }
    if (!Evaluators.sorts(expr)) {
      samples.sort(Comparator.comparing(SeriesSample::labels));
    }
    List<QueryResult.Sample> out = new ArrayList<>(samples.size());
    for (SeriesSample s : samples) {
      out.add(new QueryResult.Sample(s.labels(), ev.timestampMillis(), s.value()));
    }
    return new QueryResult.Vector(out);
  }

  static QueryResult range(
      QueryContext ctx, SampleExpr expr, long startNanos, long endNanos, long stepNanos) {
    if (stepNanos <= 0) {
      throw new IllegalArgumentException(
          "zero or negative query resolution step widths are not accepted");
    }
    if (endNanos < startNanos) {
      throw new IllegalArgumentException("end timestamp must not be before start time");
    }
    Double c = Evaluators.constant(expr);
    if (c == null && expr instanceof VectorLiteral v) {
      c = v.value();
    }
    if (c != null) {
      return constantMatrix(c, startNanos, endNanos, stepNanos);
    }
    QueryParams params = new QueryParams(startNanos, endNanos, stepNanos);
    StepEvaluator ev = Evaluators.build(ctx, expr, params);
    int max = ctx.options.maxSeries();
    Map<Labels, Points> series = new LinkedHashMap<>();
    boolean first = true;
    while (ev.next()) {
      List<SeriesSample> samples = ev.samples();
      if (first && samples.size() > max) {
        throw new SeriesLimitException(max);
      }
      first = false;
      long t = ev.timestampMillis();
      for (SeriesSample s : samples) {
        series.computeIfAbsent(s.labels(), l -> new Points()).add(t, s.value());
      }
      if (series.size() > max) {
        throw new SeriesLimitException(max);
      }
    }
    List<QueryResult.RangeSeries> out = new ArrayList<>(series.size());
    for (Map.Entry<Labels, Points> e : series.entrySet()) {
      out.add(e.getValue().toSeries(e.getKey()));
    }
    out.sort(Comparator.comparing(QueryResult.RangeSeries::labels));
    return new QueryResult.Matrix(out);
  }

  private static QueryResult constantMatrix(double value, long start, long end, long step) {
    Points p = new Points();
    for (long t = start; t <= end; t += step) {
      p.add(t / 1_000_000, value);
    }
    return new QueryResult.Matrix(List.of(p.toSeries(Labels.EMPTY)));
  }

  /** A growing list of (ms, value) points. */
  private static final class Points {
    private long[] times = new long[16];
    private double[] values = new double[16];
    private int size;

    void add(long timeMillis, double value) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      times[size] = timeMillis;
      values[size++] = value;
    }

    QueryResult.RangeSeries toSeries(Labels labels) {
      return new QueryResult.RangeSeries(
          labels, Arrays.copyOf(times, size), Arrays.copyOf(values, size));
    }
  }
}
