package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.pipeline.SampleExtractorFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A range aggregation evaluated step by step in one pass over the store, as Loki's range vector
 * iterator: the streams are read once over {@code [start - range - offset, end - offset)}, merged
 * by time, and each step's window {@code (t - offset - range, t - offset]} slides over them. Keeps
 * per-series windows, never the whole range. Not thread-safe.
 */
final class RangeAggregationEvaluator implements StepEvaluator, SampleSource.WindowTable {
  private final RangeAggregation expr;
  private final QueryContext ctx;
  private final long stepNanos;
  private final long endNanos;
  private final long rangeNanos;
  private final long offsetNanos;
  private final boolean unwrapped;
  private final double quantile;
  private final RangeFunctions functions = new RangeFunctions();
  private final SourceMerge<SampleSource> merge = new SourceMerge<>(SampleSource.MERGE_ORDER);
  private final TreeMap<Labels, SeriesWindow> series = new TreeMap<>();
  private long current;
  private List<SeriesSample> samples = List.of();

  RangeAggregationEvaluator(QueryContext ctx, RangeAggregation expr, QueryParams params) {
    this.expr = expr;
    this.ctx = ctx;
    LogRange range = expr.range();
    this.rangeNanos = range.rangeNanos();
    this.offsetNanos = range.offsetNanos();
    this.unwrapped = range.unwrap() != null;
    Double q = expr.parameter();
    if (expr.op() == RangeOp.QUANTILE_OVER_TIME && q == null) {
      throw new IllegalArgumentException("quantile_over_time needs a quantile parameter");
    }
    this.quantile = q == null ? 0 : q;
    this.stepNanos = Math.max(1, params.stepNanos());
    this.endNanos = params.endNanos() - offsetNanos;
    this.current = params.startNanos() - offsetNanos - stepNanos;
    open(params);
  }

  private void open(QueryParams params) {
    LogRange range = expr.range();
    PipelineFactory factory = ctx.options.pipelines();
    var stages = range.selector().stages();
    LogSelectHints hints =
        new LogSelectHints(
            Direction.FORWARD, factory.requiredSubstrings(stages), linesNeeded(factory), ctx.stats);
    long from = params.startNanos() - rangeNanos - offsetNanos;
    long to = params.endNanos() - offsetNanos; // exclusive, as Loki's store reads
    LogStreamSet set = ctx.querier(from, to - 1).select(range.selector().matchers(), hints);
    SampleExtractorFactory extractors = factory.extractor(range, expr.op());
    int order = 0;
    while (set.next()) {
      SampleSource s =
          new SampleSource(order++, set.cursor(), extractors.forStream(set.labels()), ctx);
      if (s.advance()) {
        merge.add(s);
      }
    }
  }

  private boolean linesNeeded(PipelineFactory factory) {
    boolean countsOnly =
        switch (expr.op()) {
          case COUNT_OVER_TIME, RATE, BYTES_OVER_TIME, BYTES_RATE, ABSENT_OVER_TIME -> true;
          default -> false;
        };
    return !(countsOnly
        && !unwrapped
        && factory.compile(expr.range().selector().stages()).isNoop());
  }

  @Override
  public SeriesWindow windowFor(Labels sampleLabels) {
    Labels key =
        expr.grouping() == null || sampleLabels.get("__error__") != null
            ? sampleLabels
            : Groupings.apply(expr.grouping(), sampleLabels);
    return series.computeIfAbsent(key, SeriesWindow::new);
  }

  @Override
  public boolean next() {
    current += stepNanos;
    if (current > endNanos) {
      return false;
    }
    ctx.checkDeadline();
    long windowStart = current - rangeNanos;
    for (SeriesWindow w : series.values()) {
      w.evictThrough(windowStart);
    }
    while (!merge.isEmpty()) {
      SampleSource s = merge.top();
      long ts = s.timestampNanos();
      if (ts > current) {
        break;
      }
      if (ts > windowStart) {
        s.window(this).add(ts, s.value());
      }
      merge.advanceTop();
    }
    samples = evaluate();
    return true;
  }

  private List<SeriesSample> evaluate() {
    List<SeriesSample> out = new ArrayList<>();
    for (SeriesWindow w : series.values()) {
      if (w.size() == 0) {
        continue;
      }
      if (w.pipelineError) {
        throw new PipelineErrorException(w.labels);
      }
      if (expr.op() != RangeOp.ABSENT_OVER_TIME) {
        out.add(
            new SeriesSample(
                w.labels, functions.apply(expr.op(), w, rangeNanos, unwrapped, quantile)));
      } else {
        out.add(new SeriesSample(w.labels, 1));
      }
    }
    if (expr.op() == RangeOp.ABSENT_OVER_TIME) {
      return out.isEmpty()
          ? new ArrayList<>(List.of(new SeriesSample(absentLabels(), 1)))
          : new ArrayList<>();
    }
    return out;
  }

  /**
   * The labels of absent_over_time's sample: the selector's equality matchers, minus every label
   * another matcher also names.
   */
  private Labels absentLabels() {
    Labels.Builder b = Labels.builder();
    Set<String> set = new HashSet<>();
    Set<String> drop = new HashSet<>();
    for (Matcher m : expr.range().selector().matchers()) {
      if (m.name().equals(Labels.METRIC_NAME)) {
        continue;
      }
      if (m.type() == Matcher.Type.EQ && set.add(m.name())) {
        b.add(m.name(), m.value());
      } else {
        drop.add(m.name());
      }
    }
    for (String name : drop) {
      b.remove(name);
    }
    return b.build();
  }

  @Override
  public long timestampMillis() {
    return current / 1_000_000 + offsetNanos / 1_000_000;
  }

  @Override
  public List<SeriesSample> samples() {
    return samples;
  }
}
