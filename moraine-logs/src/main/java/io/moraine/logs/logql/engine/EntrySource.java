package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogCursor;
import io.moraine.logs.logql.pipeline.StreamPipeline;
import java.util.Comparator;

/** One stream of a log query: its cursor run through its pipeline. Not thread-safe. */
final class EntrySource extends StreamSource {
  private final StreamPipeline pipeline;

  EntrySource(int order, LogCursor cursor, StreamPipeline pipeline, QueryContext ctx) {
    super(order, cursor, ctx);
    this.pipeline = pipeline;
  }

  /**
   * The merge order of a log query: by time in {@code direction}; equal times by result labels,
   * then by stream.
   */
  static Comparator<EntrySource> mergeOrder(Direction direction) {
    boolean forward = direction == Direction.FORWARD;
    return (a, b) -> {
      long ta = a.timestampNanos();
      long tb = b.timestampNanos();
      if (ta != tb) {
        return forward ? Long.compare(ta, tb) : Long.compare(tb, ta);
      }
      if (a.labels() != b.labels()) {
        int c = a.labels().compareTo(b.labels());
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.order, b.order);
    };
  }

  @Override
  boolean process(long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
    return pipeline.process(timestampNanos, line, offset, length, metadata);
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
