package io.moraine.ingest.textparse;

import io.moraine.core.labels.Labels;

/**
 * Receives what {@link OpenMetricsParser} reads, in input order.
 *
 * <p>Thread-safety: a parser calls its sink from the one thread that runs {@code parse}; a sink
 * given to several parsers (see {@link ParallelParse}) must be thread-safe itself.
 */
public interface SampleSink {
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
   * @param timestampMillis the line's timestamp in seconds, times 1000 and truncated toward zero as
   *     Prometheus' {@code int64(ts*1000)}
   * @param value the value bit-exact as parsed; {@code NaN} in any spelling is Prometheus' normal
   *     NaN {@code 0x7ff8000000000001}, never the staleness marker
   */
  void sample(int seriesId, long timestampMillis, double value);
}
