package io.moraine.logs.logql.engine;

import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.SampleExpr;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates LogQL expressions over a {@link LogQueryable} with Loki 2.9's semantics. Thread-safe:
 * each call is one query with its own state; the engine keeps none between calls.
 *
 * <p>Log queries read {@code [start, end)} (an instant log query reads {@code [time - maxLookBack,
 * time)}), run each stream's entries through its pipeline, merge them by time in {@code direction},
 * and stop at {@code limit} entries; a range log query returns at most one entry per {@code
 * interval}. Metric queries are evaluated at steps {@code start, start + step, ... <= end} (one
 * step at {@code time} for an instant query), each range aggregation over {@code (t - offset -
 * range, t - offset]}, reading the store once per aggregation.
 *
 * <p>Failures: {@link PipelineErrorException} when a sample with {@code __error__} reaches a range
 * aggregation's result, {@link SeriesLimitException}, {@link QueryTimeoutException}, {@link
 * VectorMatchingException}; {@link IllegalArgumentException} for bad parameters.
 */
public final class LogqlEngine {
  private static final Logger LOG = LoggerFactory.getLogger(LogqlEngine.class);

  private final LogQueryable store;
  private final EngineOptions options;

  /**
   * @param store where entries are read from; not closed by the engine
   * @param options limits and the pipeline compiler
   */
  public LogqlEngine(LogQueryable store, EngineOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * An instant query at {@code timeNanos}: a vector (or scalar) for a metric query, streams for a
   * log query.
   *
   * @param limit the most entries a log query returns
   * @param stats the store's read figures are added here
   */
  public QueryResult instant(
      String tenant,
      Expr expr,
      long timeNanos,
      int limit,
      Direction direction,
      LogReadStats stats) {
    return evaluateInstant(tenant, expr, timeNanos, limit, direction, stats).result();
  }

  /**
   * A range query: a matrix for a metric query, streams for a log query.
   *
   * @param stepNanos the step of a metric query, positive
   * @param intervalNanos the least time between returned entries of a log query; 0 for all
   */
  public QueryResult range(
      String tenant,
      Expr expr,
      long startNanos,
      long endNanos,
      long stepNanos,
      long intervalNanos,
      int limit,
      Direction direction,
      LogReadStats stats) {
    return evaluateRange(
            tenant, expr, startNanos, endNanos, stepNanos, intervalNanos, limit, direction, stats)
        .result();
  }

  /** {@link #instant} with the query's statistics. */
  public Evaluation evaluateInstant(
      String tenant,
      Expr expr,
      long timeNanos,
      int limit,
      Direction direction,
      LogReadStats stats) {
    long begin = options.clock().nanoTime();
    try (QueryContext ctx = new QueryContext(store, tenant, options, stats)) {
      QueryResult result =
          switch (expr) {
            case LogSelector s ->
                LogQueryEvaluator.evaluate(
                    ctx, s, timeNanos - options.maxLookBackNanos(), timeNanos, limit, direction, 0);
            case SampleExpr e -> MetricQuery.instant(ctx, e, timeNanos);
          };
      return finish(ctx, result, begin, "instant");
    }
  }

  /** {@link #range} with the query's statistics. */
  public Evaluation evaluateRange(
      String tenant,
      Expr expr,
      long startNanos,
      long endNanos,
      long stepNanos,
      long intervalNanos,
      int limit,
      Direction direction,
      LogReadStats stats) {
    long begin = options.clock().nanoTime();
    try (QueryContext ctx = new QueryContext(store, tenant, options, stats)) {
      QueryResult result =
          switch (expr) {
            case LogSelector s ->
                LogQueryEvaluator.evaluate(
                    ctx, s, startNanos, endNanos, limit, direction, intervalNanos);
            case SampleExpr e -> MetricQuery.range(ctx, e, startNanos, endNanos, stepNanos);
          };
      return finish(ctx, result, begin, "range");
    }
  }

  private Evaluation finish(QueryContext ctx, QueryResult result, long begin, String type) {
    long entries = 0;
    if (result instanceof QueryResult.Streams s) {
      for (QueryResult.Stream stream : s.streams()) {
        entries += stream.entries().size();
      }
    }
    long elapsed = options.clock().nanoTime() - begin;
    LOG.atDebug()
        .addKeyValue("type", type)
        .addKeyValue("lines_processed", ctx.linesProcessed)
        .addKeyValue("bytes_processed", ctx.bytesProcessed)
        .addKeyValue("exec_nanos", elapsed)
        .log("logql query evaluated");
    return new Evaluation(
        result, new QueryStatistics(ctx.linesProcessed, ctx.bytesProcessed, entries, elapsed));
  }
}
