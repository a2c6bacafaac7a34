package io.moraine.agent.collector;

/** A metric family's type as the text format names it. */
public enum MetricType {
  COUNTER("counter"),
  GAUGE("gauge"),
  UNTYPED("untyped");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /** The name in {@code # TYPE} lines of the Prometheus text format. */
  public String text() {
    return text;
  }
}
