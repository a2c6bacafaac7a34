package io.moraine.ingest.textparse;

/**
 * What the last {@code # TYPE} line means for the series after it: only histograms ({@code le}) and
 * summaries ({@code quantile}) have label values that Prometheus rewrites. Prometheus keeps the
 * type of the last {@code # TYPE} line for every later series, whatever its name.
 */
final class TypeClass {
  /** No {@code # TYPE} yet, or a type without rewritten labels. */
  static final byte PLAIN = 0;

  static final byte HISTOGRAM = 1;
  static final byte SUMMARY = 2;

  /** A range that starts mid-input and has not needed the type before it yet. */
  static final byte UNRESOLVED = 3;

  /** A whole {@code # HELP} or {@code # TYPE} line of the text format, its line break included. */
  static final byte META_LINE = 4;

  private TypeClass() {}

  /** The class of a {@code # TYPE} word, or -1 if OpenMetrics has no such type. */
  static byte of(String type) {
    return switch (type) {
      case "histogram" -> HISTOGRAM;
      case "summary" -> SUMMARY;
      case "counter", "gauge", "gaugehistogram", "info", "stateset", "unknown" -> PLAIN;
      default -> -1;
    };
  }
}
