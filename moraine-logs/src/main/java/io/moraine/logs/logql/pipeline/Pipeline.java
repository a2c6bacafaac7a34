package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;

/**
 * A selector's stages compiled once per query. Thread-safe and immutable; each stream gets its own
 * {@link StreamPipeline}.
 */
public interface Pipeline {
  /** A processor for the entries of one stream. The caller uses it from one thread. */
  StreamPipeline forStream(Labels streamLabels);

  /** True when no stage can drop an entry or change its line or labels. */
  boolean isNoop();
}
