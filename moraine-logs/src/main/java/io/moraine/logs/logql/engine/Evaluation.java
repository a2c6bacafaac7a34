package io.moraine.logs.logql.engine;

/**
 * A query's result with its statistics.
 *
 * @param result the value in one of Loki's shapes
 * @param statistics figures of the evaluation
 */
public record Evaluation(QueryResult result, QueryStatistics statistics) {}
