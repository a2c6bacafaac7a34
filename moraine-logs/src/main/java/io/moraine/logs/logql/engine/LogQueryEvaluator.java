package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a log query as Loki's {@code readStreams}: streams' entries through their pipelines,
 * merged by time in the query's direction, at most {@code limit} entries, at most one per {@code
 * interval}, grouped by their labels after the pipeline. Holds at most {@code limit} entries plus
 * one cursor per stream.
 */
final class LogQueryEvaluator {
  private LogQueryEvaluator() {}

  /**
   * Reads entries in {@code [fromNanos, toNanos)}, as Loki's store reads a log query's range.
   *
   * @return the streams sorted by their labels' rendering; entries in the query's direction
   */
  static QueryResult.Streams evaluate(
      QueryContext ctx,
      LogSelector selector,
      long fromNanos,
      long toNanos,
      int limit,
      Direction direction,
      long intervalNanos) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    if (limit == 0 || toNanos <= fromNanos) {
      return new QueryResult.Streams(List.of());
    }
    PipelineFactory factory = ctx.options.pipelines();
    Pipeline pipeline = factory.compile(selector.stages());
    LogSelectHints hints =
        new LogSelectHints(
            direction, factory.requiredSubstrings(selector.stages()), true, ctx.stats);
    LogQuerier querier = ctx.querier(fromNanos, toNanos - 1);
    LogStreamSet set = querier.select(selector.matchers(), hints);
    SourceMerge<EntrySource> merge = new SourceMerge<>(EntrySource.mergeOrder(direction));
    int order = 0;
    while (set.next()) {
      EntrySource source =
          new EntrySource(order++, set.cursor(), pipeline.forStream(set.labels()), ctx);
      if (source.advance()) {
        merge.add(source);
      }
    }
    return collect(merge, limit, direction, intervalNanos);
  }

  private static QueryResult.Streams collect(
      SourceMerge<EntrySource> merge, int limit, Direction direction, long intervalNanos) {
    Map<Labels, List<QueryResult.Entry>> streams = new HashMap<>();
    int returned = 0;
    boolean first = true;
    long last = 0;
    while (returned < limit && !merge.isEmpty()) {
      EntrySource top = merge.top();
      long ts = top.timestampNanos();
      if (first || intervalNanos == 0 || pastInterval(ts, last, intervalNanos, direction)) {
        String line =
            new String(top.lineBytes(), top.lineOffset(), top.lineLength(), StandardCharsets.UTF_8);
        streams
            .computeIfAbsent(top.labels(), l -> new ArrayList<>())
            .add(new QueryResult.Entry(ts, line));
        last = ts;
        first = false;
        if (++returned == limit) {
          break; // reading on would cost a decompression for nothing
        }
      }
      merge.advanceTop();
    }
    List<QueryResult.Stream> result = new ArrayList<>(streams.size());
    for (Map.Entry<Labels, List<QueryResult.Entry>> e : streams.entrySet()) {
      result.add(new QueryResult.Stream(e.getKey(), e.getValue()));
    }
    result.sort((a, b) -> Labels.compareUtf8(a.labels().toString(), b.labels().toString()));
    return new QueryResult.Streams(result);
  }

  private static boolean pastInterval(long ts, long last, long interval, Direction direction) {
    return direction == Direction.FORWARD ? ts >= last + interval : ts <= last - interval;
  }
}
