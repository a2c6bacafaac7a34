package io.moraine.ingest.textparse;

import io.moraine.core.labels.Labels;

/**
 * Receives what {@link OpenMetricsParser} or {@link PromTextParser} reads, in input order: series
 * met for the first time, samples, and (default no-ops) the metadata lines.
 *
 * <p>Thread-safety: a parser calls its sink from the one thread that runs {@code parse}; a sink
 * given to several parsers (see {@link ParallelParse}) must be thread-safe itself.
 */
public interface SampleSink {
  /**
   * The {@code timestampMillis} of a sample whose line has none (text format 0.0.4 only; the
   * scraper uses the scrape time). Never a real timestamp: that format's timestamps are unsigned.
   */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  /**
   * A series met for the first time in this import, before any {@link #sample} for it on any
   * thread. Called exactly once per id, by the parser that met the series first, while the {@link
   * SeriesRegistry} holds the entry for these labels locked: keep it short and do not call back
   * into the registry.
   *
   * @param seriesId dense id from the shared {@link SeriesRegistry}, starting at 0
   * @param labels validated, sorted labels with {@code __name__}; no empty values
   */
  void series(int seriesId, Labels labels);

  /**
   * One sample, in input order for this parser.
   *
   * @param seriesId an id already announced by {@link #series} (possibly to another parser's sink)
   * @param timestampMillis OpenMetrics: the line's timestamp in seconds, times 1000 and truncated
   *     toward zero as Prometheus' {@code int64(ts*1000)}; text 0.0.4: the line's milliseconds, or
   *     {@link #NO_TIMESTAMP} when it has none
   * @param value the value bit-exact as parsed; {@code NaN} in any spelling is Prometheus' normal
   *     NaN {@code 0x7ff8000000000001}, never the staleness marker
   */
  void sample(int seriesId, long timestampMillis, double value);

  /**
   * A {@code # HELP} line: the metric name as written and the text with its escapes undone ({@code
   * \\} and {@code \n}). Called before the samples that follow the line. Default: ignored.
   */
  default void help(String metricName, String text) {}

  /** A {@code # TYPE} line. Default: ignored. */
  default void type(String metricName, MetricType type) {}

  /** A {@code # UNIT} line (OpenMetrics only). Default: ignored. */
  default void unit(String metricName, String unit) {}
}
