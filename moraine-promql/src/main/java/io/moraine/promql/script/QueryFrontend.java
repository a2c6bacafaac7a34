package io.moraine.promql.script;

import io.moraine.core.storage.Queryable;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.QueryContext;
import io.moraine.promql.parser.Parser;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import java.util.concurrent.TimeUnit;

/**
 * What the runner needs of PromQL: parse, then evaluate at an instant or over a range. The
 * production one is {@link #of(Engine)}; tests put a small fake behind it to check the runner
 * alone.
 */
interface QueryFrontend {
  /** How long one query may run, as in Prometheus's test engine. */
  long QUERY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(100);

  /**
   * @throws io.moraine.promql.parser.ParseException when the text is not PromQL
   */
  Expr parse(String query);

  /**
   * @throws io.moraine.promql.engine.QueryException when evaluation fails
   */
  QueryValue instant(Queryable db, Expr expr, long timeMillis);

  /**
   * @throws io.moraine.promql.engine.QueryException when evaluation fails
   */
  RangeMatrix range(Queryable db, Expr expr, long startMillis, long endMillis, long stepMillis);

  /** The real parser and the given engine, each query with Prometheus's test timeout. */
  static QueryFrontend of(Engine engine) {
    return new QueryFrontend() {
      @Override
      public Expr parse(String query) {
        return Parser.parse(query);
      }

      @Override
      public QueryValue instant(Queryable db, Expr expr, long timeMillis) {
        return engine.instant(db, expr, timeMillis, QueryContext.withTimeout(QUERY_TIMEOUT_NANOS));
      }

      @Override
      public RangeMatrix range(
          Queryable db, Expr expr, long startMillis, long endMillis, long stepMillis) {
        return engine.range(
            db,
            expr,
            startMillis,
            endMillis,
            stepMillis,
            QueryContext.withTimeout(QUERY_TIMEOUT_NANOS));
      }
    };
  }
}
