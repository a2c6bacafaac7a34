package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;

/**
 * One sample as the exposition gave it.
 *
 * @param labels the series' labels with {@code __name__}, as exposed (before the target's labels)
 * @param timestampMillis the exposed timestamp, or {@link #NO_TIMESTAMP}
 */
public record ScrapedSample(Labels labels, long timestampMillis, double value) {
  /** The sample line had no timestamp. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;
}
