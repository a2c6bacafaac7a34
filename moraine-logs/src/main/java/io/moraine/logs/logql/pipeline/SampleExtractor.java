package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;

/**
 * Turns one stream's entries into samples for a range aggregation: runs the pipeline, then (for an
 * unwrapped range) reads the unwrapped label as the value, removes it from the labels and applies
 * the post-unwrap filters. Not thread-safe.
 */
public interface SampleExtractor {
  /**
   * Processes one entry.
   *
   * @return false when the entry gives no sample (dropped by a stage or a post-unwrap filter)
   */
  boolean process(long timestampNanos, byte[] line, int offset, int length, Labels metadata);

  /**
   * The sample's value: the unwrapped value, or for entry-counting functions 1 (count, rate) or the
   * line's length in bytes (bytes_over_time, bytes_rate).
   */
  double value();

  /**
   * The sample's labels; equal sets are the same instance for as long as this extractor lives. A
   * failed conversion keeps the sample with {@code __error__="SampleExtractionErr"} as Loki does.
   */
  Labels labels();
}
