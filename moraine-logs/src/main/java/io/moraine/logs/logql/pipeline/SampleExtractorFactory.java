package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;

/**
 * Makes per-stream {@link SampleExtractor}s for one range aggregation. Thread-safe and immutable;
 * built by {@code Pipelines.extractor}.
 */
public interface SampleExtractorFactory {
  /** An extractor for one stream's entries, used from one thread. */
  SampleExtractor forStream(Labels streamLabels);
}
