package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogCursor;
import io.moraine.logs.logql.pipeline.StreamPipeline;

/**
 * One stream of a log query: its cursor run through its pipeline, positioned on the next kept
 * entry. Not thread-safe.
 */
final class EntrySource {
  final int order;
  private final LogCursor cursor;
  private final StreamPipeline pipeline;
  private final QueryContext ctx;
  private long timestampNanos;

  EntrySource(int order, LogCursor cursor, StreamPipeline pipeline, QueryContext ctx) {
    this.order = order;
    this.cursor = cursor;
    this.pipeline = pipeline;
    this.ctx = ctx;
  }

  /** Moves to the next entry the pipeline keeps; false at the end of the stream. */
  boolean advance() {
    while (cursor.next()) {
      int length = cursor.lineLength();
      ctx.countLine(length);
      long ts = cursor.timestampNanos();
      if (pipeline.process(
          ts, cursor.lineBytes(), cursor.lineOffset(), length, cursor.metadata())) {
        timestampNanos = ts;
        return true;
      }
    }
    return false;
  }

  long timestampNanos() {
    return timestampNanos;
  }

  /** The current entry's labels after the pipeline. */
  Labels labels() {
    return pipeline.labels();
  }

  byte[] lineBytes() {
    return pipeline.lineBytes();
  }

  int lineOffset() {
    return pipeline.lineOffset();
  }

  int lineLength() {
    return pipeline.lineLength();
  }
}
