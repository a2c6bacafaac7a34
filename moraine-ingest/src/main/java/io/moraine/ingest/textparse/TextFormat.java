package io.moraine.ingest.textparse;

/**
 * The exposition formats a scrape body can be in, as Prometheus 2.42's {@code textparse.New} tells
 * them apart.
 */
public enum TextFormat {
  /** {@code text/plain; version=0.0.4}, and anything not recognised: {@link PromTextParser}. */
  PROMETHEUS_TEXT_0_0_4,

  /** {@code application/openmetrics-text} (1.0.0 or 0.0.1): the OpenMetrics parser. */
  OPENMETRICS,

  /**
   * {@code application/vnd.google.protobuf}: delimited {@code MetricFamily} messages, which Moraine
   * does not parse. Prometheus 2.42 only asks for them with native histograms enabled.
   */
  PROTOBUF
}
