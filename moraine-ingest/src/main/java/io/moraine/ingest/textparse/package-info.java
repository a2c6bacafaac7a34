/**
 * Streaming parsers for the text exposition formats: OpenMetrics 1.0 as used by bulk import ({@code
 * moraine import openmetrics}, the equivalent of {@code promtool tsdb create-blocks-from
 * openmetrics}), and the Prometheus text format 0.0.4 as a Prometheus 2.42 scrape reads it ({@link
 * io.moraine.ingest.textparse.PromTextParser}, one per target, body after body), with the scrape's
 * content negotiation ({@link io.moraine.ingest.textparse.TextFormats}).
 *
 * <p>{@link io.moraine.ingest.textparse.OpenMetricsParser} walks a byte range of a (memory-mapped)
 * input and hands each sample to a {@link io.moraine.ingest.textparse.SampleSink} as a dense int
 * series id, a millisecond timestamp and a value; only a series met for the first time costs a
 * {@link io.moraine.core.labels.Labels} and a call to {@code series}. {@link
 * io.moraine.ingest.textparse.ParallelParse} splits one input at line boundaries and parses the
 * parts on several threads that share one {@link io.moraine.ingest.textparse.SeriesRegistry}.
 */
@NullMarked
package io.moraine.ingest.textparse;

import org.jspecify.annotations.NullMarked;
