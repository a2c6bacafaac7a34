package io.moraine.logs.logql.engine;

/**
 * Figures of one query for Loki's {@code stats} JSON, besides the store's {@link
 * io.moraine.core.logs.LogReadStats}.
 *
 * @param totalLinesProcessed entries run through a pipeline or sample extractor
 * @param totalBytesProcessed bytes of those entries' lines
 * @param totalEntriesReturned log entries in a streams result (0 for metric queries)
 * @param execTimeNanos wall time of the evaluation
 */
public record QueryStatistics(
    long totalLinesProcessed,
    long totalBytesProcessed,
    long totalEntriesReturned,
    long execTimeNanos) {}
