package io.moraine.server.api.loki;

import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.core.time.Clock;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.engine.QueryResult;
import io.moraine.server.api.prom.PromTimes;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;

/**
 * {@code /loki/api/v1/query} and {@code query_range}: Loki 2.9's {@code ParseInstantQuery} and
 * {@code ParseRangeQuery} (checks in the same order, the same messages), the entries limit, then
 * the engine, answered with the result and its stats.
 */
final class QueryEndpoints {
  /** Loki's cap on points per series in a range query. */
  private static final long MAX_POINTS = 11_000;

  private final LogQueries queries;
  private final LokiApiOptions options;
  private final Clock clock;

  QueryEndpoints(LogQueries queries, LokiApiOptions options, Clock clock) {
    this.queries = queries;
    this.options = options;
    this.clock = clock;
  }

  LokiService.Body query(LokiRequest r) {
    LokiParams p = r.params();
    String query = p.get("query");
    int limit = p.limit();
    long time = LokiParams.timestampNanos(p.get("time"), nowNanos());
    Direction direction = p.direction();
    Expr expr = parse(query, limit);
    LogReadStats read = new LogReadStats();
    long started = clock.nanoTime();
    QueryResult result = queries.instant(r.tenant(), expr, time, limit, direction, read);
    QueryStats stats = QueryStats.of(read, clock.nanoTime() - started, result);
    return g -> LokiJson.writeQueryResponse(g, result, stats);
  }

  LokiService.Body queryRange(LokiRequest r) {
    RangeParams q = RangeParams.of(r.params(), nowNanos());
    Expr expr = parse(q.query(), q.limit());
    LogReadStats read = new LogReadStats();
    long started = clock.nanoTime();
    QueryResult result =
        queries.range(
            r.tenant(),
            expr,
            q.startNanos(),
            q.endNanos(),
            q.stepNanos(),
            q.intervalNanos(),
            q.limit(),
            q.direction(),
            read);
    QueryStats stats = QueryStats.of(read, clock.nanoTime() - started, result);
    return g -> LokiJson.writeQueryResponse(g, result, stats);
  }

  /** Parses, and refuses a log query whose limit is over the entries limit (400, as Loki). */
  private Expr parse(String query, int limit) {
    Expr expr = queries.parse(query);
    if (expr instanceof LogSelector && limit > options.maxEntriesLimit()) {
      throw new ApiException(
          ErrorType.BAD_DATA,
          "max entries limit per query exceeded, limit > max_entries_limit ("
              + limit
              + " > "
              + options.maxEntriesLimit()
              + ")");
    }
    return expr;
  }

  private long nowNanos() {
    return Math.multiplyExact(clock.nowMillis(), 1_000_000L);
  }

  /** A range query's parameters, checked as Loki's {@code ParseRangeQuery}. */
  record RangeParams(
      String query,
      long startNanos,
      long endNanos,
      int limit,
      Direction direction,
      long stepNanos,
      long intervalNanos) {
    static RangeParams of(LokiParams p, long nowNanos) {
      long[] bounds = p.bounds(nowNanos);
      long start = bounds[0];
      long end = bounds[1];
      if (end < start) {
        throw new IllegalArgumentException(
            "end timestamp must not be before or equal to start time");
      }
      int limit = p.limit();
      Direction direction = p.direction();
      String stepText = p.get("step");
      long step =
          stepText.isEmpty()
              ? defaultStepNanos(start, end)
              : PromTimes.parseDurationNanos(stepText);
      if (step <= 0) {
        throw new IllegalArgumentException(
            "zero or negative query resolution step widths are not accepted. Try a positive"
                + " integer");
      }
      if ((end - start) / step > MAX_POINTS) {
        throw new IllegalArgumentException(
            "exceeded maximum resolution of 11,000 points per time series. Try increasing the"
                + " value of the step parameter");
      }
      String intervalText = p.get("interval");
      long interval = intervalText.isEmpty() ? 0 : PromTimes.parseDurationNanos(intervalText);
      if (interval < 0) {
        throw new IllegalArgumentException("interval must be >= 0");
      }
      return new RangeParams(p.get("query"), start, end, limit, direction, step, interval);
    }

    /** Loki's {@code defaultQueryRangeStep}: a 250th of the range in whole seconds, at least 1s. */
    static long defaultStepNanos(long startNanos, long endNanos) {
      long seconds = (long) Math.floor((endNanos - startNanos) / 1e9 / 250);
      return Math.max(seconds, 1) * 1_000_000_000L;
    }
  }
}
