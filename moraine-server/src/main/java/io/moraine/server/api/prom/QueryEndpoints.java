package io.moraine.server.api.prom;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.storage.Queryable;
import io.moraine.core.time.Clock;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
import io.moraine.promql.parser.Printer;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.util.function.Supplier;

/**
 * {@code /api/v1/query}, {@code /api/v1/query_range} and {@code /api/v1/format_query}, checking
 * parameters in Prometheus 2.42's order with its messages.
 */
final class QueryEndpoints {
  /** Prometheus' cap on points per series of a range query: a week at 60s, a year at 1h. */
  static final long MAX_POINTS = 11_000;

  private final Supplier<? extends Queryable> store;
  private final Engine engine;
  private final QueryRunner runner;
  private final Clock clock;

  QueryEndpoints(
      Supplier<? extends Queryable> store, Engine engine, QueryRunner runner, Clock clock) {
    this.store = store;
    this.engine = engine;
    this.runner = runner;
    this.clock = clock;
  }

  /** {@code query}, {@code time} (default now), {@code timeout}. */
  JsonData query(Params p, ServiceRequestContext ctx) {
    long t = ParamErrors.optionalTime(p, "time", clock.nowMillis());
    long timeout = ParamErrors.optionalDuration(p, "timeout", Long.MAX_VALUE);
    Expr expr = parseQueryParam(p);
    QueryValue v = runner.run(ctx, timeout, qc -> engine.instant(store.get(), expr, t, qc));
    return g -> QueryResultJson.write(g, v);
  }

  /** {@code query}, {@code start}, {@code end}, {@code step}, {@code timeout}. */
  JsonData queryRange(Params p, ServiceRequestContext ctx) {
    long start = ParamErrors.requiredTime(p, "start");
    long end = ParamErrors.requiredTime(p, "end");
    if (end < start) {
      throw ParamErrors.invalidParam("end", "end timestamp must not be before start time");
    }
    long stepNanos = ParamErrors.requiredDuration(p, "step");
    if (stepNanos <= 0) {
      throw ParamErrors.invalidParam(
          "step",
          "zero or negative query resolution step widths are not accepted. Try a positive"
              + " integer");
    }
    if (rangeNanos(start, end) / stepNanos > MAX_POINTS) {
      throw new ApiException(
          ErrorType.BAD_DATA,
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query"
              + " resolution (?step=XX)");
    }
    long timeout = ParamErrors.optionalDuration(p, "timeout", Long.MAX_VALUE);
    // Unlike the instant query, Prometheus answers a range query's parse error unwrapped.
    Expr expr = Parser.parse(p.first("query"));
    // The engine works in ms; Prometheus truncates the step the same way.
    long stepMillis = Math.max(1, stepNanos / 1_000_000);
    RangeMatrix m =
        runner.run(ctx, timeout, qc -> engine.range(store.get(), expr, start, end, stepMillis, qc));
    return g -> QueryResultJson.write(g, m);
  }

  /** {@code query}: the expression pretty-printed, as a JSON string. */
  JsonData formatQuery(Params p, ServiceRequestContext ctx) {
    String pretty = Printer.pretty(parseQueryParam(p));
    return g -> g.writeString(pretty);
  }

  private static Expr parseQueryParam(Params p) {
    try {
      return Parser.parse(p.first("query"));
    } catch (ParseException e) {
      throw ParamErrors.invalidParam("query", String.valueOf(e.getMessage()));
    }
  }

  /** {@code end - start} in ns, saturated as Go's {@code Time.Sub} saturates. */
  private static long rangeNanos(long startMillis, long endMillis) {
    try {
      return Math.multiplyExact(Math.subtractExact(endMillis, startMillis), 1_000_000L);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
