package io.moraine.server.config;

import io.moraine.core.labels.Labels;
import java.util.Objects;

/**
 * The {@code global} section, as in prometheus.yml. Parsed and validated now; scraping and rule
 * evaluation take these values once they exist.
 *
 * @param scrapeIntervalMillis how often targets are scraped by default
 * @param scrapeTimeoutMillis how long a scrape may take by default; never above the interval
 * @param evaluationIntervalMillis how often rule groups are evaluated by default
 * @param externalLabels labels added to series and alerts leaving this server
 */
public record GlobalConfig(
    long scrapeIntervalMillis,
    long scrapeTimeoutMillis,
    long evaluationIntervalMillis,
    Labels externalLabels) {
  /** Prometheus' defaults: 1m, 10s, 1m, no external labels. */
  public static final GlobalConfig DEFAULT = new GlobalConfig(60_000, 10_000, 60_000, Labels.EMPTY);

  public GlobalConfig {
    Objects.requireNonNull(externalLabels, "externalLabels");
  }

  /** Prometheus' global keys that Moraine accepts and does not act on yet. */
  static final String[] NOT_YET_USED = {
    "scrape_protocols",
    "query_log_file",
    "scrape_failure_log_file",
    "body_size_limit",
    "sample_limit",
    "label_limit",
    "label_name_length_limit",
    "label_value_length_limit",
    "target_limit",
    "keep_dropped_targets",
    "metric_name_validation_scheme",
    "metric_name_escaping_scheme",
    "always_scrape_classic_histograms",
    "convert_classic_histograms_to_nhcb",
    "scrape_native_histograms",
  };
}
