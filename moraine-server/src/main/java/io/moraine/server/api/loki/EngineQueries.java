package io.moraine.server.api.loki;

import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.engine.LogqlEngine;
import io.moraine.logs.logql.engine.LogqlEvaluationException;
import io.moraine.logs.logql.engine.QueryResult;
import io.moraine.logs.logql.engine.QueryTimeoutException;
import io.moraine.logs.logql.parser.LogqlParseException;
import io.moraine.logs.logql.parser.LogqlParser;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.util.Objects;

/**
 * {@link LogQueries} over the LogQL parser and engine: parse errors and evaluation errors (pipeline
 * errors, series limit, vector matching) become {@code bad_data} (400) with the engine's message, a
 * timeout becomes {@code timeout}. Thread-safe, as the engine is.
 */
public final class EngineQueries implements LogQueries {
  private final LogqlEngine engine;

  public EngineQueries(LogqlEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public Expr parse(String query) {
    try {
      return LogqlParser.parse(query);
    } catch (LogqlParseException e) {
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
  }

  @Override
  public QueryResult instant(
      String tenant,
      Expr expr,
      long timeNanos,
      int limit,
      Direction direction,
      LogReadStats stats) {
    try {
      return engine.instant(tenant, expr, timeNanos, limit, direction, stats);
    } catch (LogqlEvaluationException e) {
      throw mapped(e);
    }
  }

  @Override
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
    try {
      return engine.range(
          tenant, expr, startNanos, endNanos, stepNanos, intervalNanos, limit, direction, stats);
    } catch (LogqlEvaluationException e) {
      throw mapped(e);
    }
  }

  private static ApiException mapped(LogqlEvaluationException e) {
    String message = String.valueOf(e.getMessage());
    return e instanceof QueryTimeoutException
        ? new ApiException(ErrorType.TIMEOUT, message)
        : new ApiException(ErrorType.BAD_DATA, message);
  }
}
