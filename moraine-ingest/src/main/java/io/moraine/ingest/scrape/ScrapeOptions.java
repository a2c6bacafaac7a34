package io.moraine.ingest.scrape;

/**
 * What a job's {@code scrape_configs} entry says about how a scrape's samples are stored. A limit
 * of 0 means none, as in prometheus.yml.
 */
public record ScrapeOptions(
    boolean honorLabels,
    boolean honorTimestamps,
    int sampleLimit,
    int labelLimit,
    int labelNameLengthLimit,
    int labelValueLengthLimit) {
  /** Prometheus's defaults: labels not honored, timestamps honored, no limits. */
  public static final ScrapeOptions DEFAULT = new ScrapeOptions(false, true, 0, 0, 0, 0);
}
