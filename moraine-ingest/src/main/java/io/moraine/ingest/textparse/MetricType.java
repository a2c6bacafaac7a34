package io.moraine.ingest.textparse;

/**
 * The metric types a {@code # TYPE} line can name, as Prometheus' {@code textparse.MetricType}. The
 * text format's {@code untyped} is {@link #UNKNOWN}, as in Prometheus.
 */
public enum MetricType {
  COUNTER("counter"),
  GAUGE("gauge"),
  HISTOGRAM("histogram"),
  GAUGE_HISTOGRAM("gaugehistogram"),
  SUMMARY("summary"),
  INFO("info"),
  STATESET("stateset"),
  UNKNOWN("unknown");

  private final String promName;

  MetricType(String promName) {
    this.promName = promName;
  }

  /** Prometheus' spelling, as its metadata API returns it ({@code "gaugehistogram"}, ...). */
  public String promName() {
    return promName;
  }
}
