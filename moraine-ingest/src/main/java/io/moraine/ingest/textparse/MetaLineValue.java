package io.moraine.ingest.textparse;

import org.jspecify.annotations.Nullable;

/**
 * What one {@code # HELP} or {@code # TYPE} line of the text format said, kept by a parser under
 * the line's exact bytes so that the same line in the next body is handed on without being read
 * again.
 *
 * @param name the metric name (interned)
 * @param help the help text of a {@code # HELP} line, else null
 * @param type the type of a {@code # TYPE} line, else null
 */
record MetaLineValue(String name, @Nullable String help, @Nullable MetricType type) {
  /** Hands the line on to {@code sink} as reading it did. */
  void replay(SampleSink sink) {
    if (help != null) {
      sink.help(name, help);
    } else if (type != null) {
      sink.type(name, type);
    }
  }
}
