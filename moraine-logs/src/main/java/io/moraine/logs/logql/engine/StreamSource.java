package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogCursor;

/**
 * One stream of a query: its cursor run through a per-stream processor (a pipeline or a sample
 * extractor), positioned on the next entry the processor keeps. Not thread-safe.
 */
abstract class StreamSource {
  /** The stream's place in the store's answer: the last tie-break of a merge. */
  final int order;

  private final LogCursor cursor;
  private final QueryContext ctx;
  private long timestampNanos;

  StreamSource(int order, LogCursor cursor, QueryContext ctx) {
    this.order = order;
    this.cursor = cursor;
    this.ctx = ctx;
  }

  /** Moves to the next entry the processor keeps; false at the end of the stream. */
  final boolean advance() {
    while (cursor.next()) {
      int length = cursor.lineLength();
      ctx.countLine(length);
      long ts = cursor.timestampNanos();
      if (process(ts, cursor.lineBytes(), cursor.lineOffset(), length, cursor.metadata())) {
        timestampNanos = ts;
        return true;
      }
    }
    return false;
  }

  /** The current entry's time. */
  final long timestampNanos() {
    return timestampNanos;
  }

  /** Runs one entry through the processor; false when it keeps nothing of it. */
  abstract boolean process(
      long timestampNanos, byte[] line, int offset, int length, Labels metadata);
}
