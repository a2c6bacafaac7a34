package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogCursor;
import io.moraine.logs.logql.pipeline.SampleExtractor;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One stream of a range aggregation: its cursor run through its sample extractor. Remembers which
 * window each of its label sets feeds, by identity, so that a sample costs no label hashing. Not
 * thread-safe.
 */
final class SampleSource extends StreamSource {
  /** By time, then by stream, so that every series receives its samples in time order. */
  static final Comparator<SampleSource> MERGE_ORDER =
      (a, b) -> {
        long ta = a.timestampNanos();
        long tb = b.timestampNanos();
        return ta != tb ? Long.compare(ta, tb) : Integer.compare(a.order, b.order);
      };

  private final SampleExtractor extractor;
  private final Map<Labels, SeriesWindow> windows = new IdentityHashMap<>();

  SampleSource(int order, LogCursor cursor, SampleExtractor extractor, QueryContext ctx) {
    super(order, cursor, ctx);
    this.extractor = extractor;
  }

  @Override
  boolean process(long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
    return extractor.process(timestampNanos, line, offset, length, metadata);
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
