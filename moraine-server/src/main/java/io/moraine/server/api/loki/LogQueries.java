package io.moraine.server.api.loki;

import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.engine.QueryResult;

/**
 * What the Loki API needs of LogQL: parsing and the engine's two evaluations (the methods of {@code
 * LogqlParser.parse} and {@code LogqlEngine.instant}/{@code range}, adapted in one class).
 * Thread-safe: called from many request threads at once.
 *
 * <p>Failures are unchecked: a malformed query or a query the engine refuses (a limit, a bad range)
 * throws an {@link io.moraine.server.http.ApiException} of type {@code bad_data} or {@code
 * execution} (answered 400) or an {@link IllegalArgumentException} (400) with Loki's message; a
 * query past its deadline an {@code ApiException} of type {@code timeout} (504).
 */
public interface LogQueries {
  /**
   * Parses a LogQL query.
   *
   * @throws IllegalArgumentException or {@code ApiException(bad_data)} with Loki's parse message
   *     ({@code parse error at line 1, col 5: syntax error: ...})
   */
  Expr parse(String query);

  /**
   * Evaluates at one instant: a log query returns the newest (or oldest) {@code limit} entries at
   * or before {@code timeNanos}; a metric query the vector at that time.
   *
   * @param stats the query's read figures, added to by the store and the engine
   */
  QueryResult instant(
      String tenant, Expr expr, long timeNanos, int limit, Direction direction, LogReadStats stats);

  /**
   * Evaluates over {@code [startNanos, endNanos]}: a log query returns up to {@code limit} entries
   * in {@code direction}; a metric query a matrix with a point every {@code stepNanos}.
   *
   * @param intervalNanos Loki's {@code interval} (entries at least this far apart), 0 for all
   * @param stats the query's read figures, added to by the store and the engine
   */
  QueryResult range(
      String tenant,
      Expr expr,
      long startNanos,
      long endNanos,
      long stepNanos,
      long intervalNanos,
      int limit,
      Direction direction,
      LogReadStats stats);
}
