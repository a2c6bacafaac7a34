package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogCursor;
import io.moraine.logs.logql.pipeline.SampleExtractor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One stream of a range aggregation: its cursor run through its sample extractor, positioned on the
 * next sample. Remembers which window each of its label sets feeds, by identity, so that a sample
 * costs no label hashing. Not thread-safe.
 */
final class SampleSource {
  final int order;
  private final LogCursor cursor;
  private final SampleExtractor extractor;
  private final QueryContext ctx;
  private final Map<Labels, SeriesWindow> windows = new IdentityHashMap<>();
  private long timestampNanos;

  SampleSource(int order, LogCursor cursor, SampleExtractor extractor, QueryContext ctx) {
    this.order = order;
    this.cursor = cursor;
    this.extractor = extractor;
    this.ctx = ctx;
  }

  /** Moves to the next sample; false at the end of the stream. */
  boolean advance() {
    while (cursor.next()) {
      int length = cursor.lineLength();
      ctx.countLine(length);
      long ts = cursor.timestampNanos();
      if (extractor.process(
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

  double value() {
    return extractor.value();
  }

  /** The window the current sample belongs to, found or made through {@code windows}. */
  SeriesWindow window(WindowTable table) {
    Labels labels = extractor.labels();
    SeriesWindow w = windows.get(labels);
    if (w == null) {
      w = table.windowFor(labels);
      windows.put(labels, w);
    }
    return w;
  }

  /** Finds or makes the window of a sample's label set. */
  interface WindowTable {
    SeriesWindow windowFor(Labels sampleLabels);
  }
}
