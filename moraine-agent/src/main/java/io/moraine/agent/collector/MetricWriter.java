package io.moraine.agent.collector;

import java.io.IOException;

/**
 * Where collectors write. A family is started with {@link #family}; the samples after it, up to the
 * next family, belong to it and carry its name. A family without samples is not written at all.
 * Label names pair up with values by index; names must be valid Prometheus label names (static
 * arrays are encouraged: the writer never keeps or changes them). Values are escaped by the writer.
 * Not thread-safe: one writer per scrape.
 */
public interface MetricWriter {
  String[] NO_LABELS = new String[0];

  /**
   * Starts a family.
   *
   * @param name the metric name, e.g. {@code node_cpu_seconds_total}
   * @param type its type; a counter's name should end in {@code _total} (OpenMetrics writes a
   *     counter without it as {@code unknown})
   * @param help the one-line description, as the exporter whose name we reuse writes it
   */
  void family(String name, MetricType type, String help) throws IOException;

  /** One sample of the current family. */
  void sample(String[] labelNames, String[] labelValues, double value) throws IOException;

  /** One sample without labels. */
  default void sample(double value) throws IOException {
    sample(NO_LABELS, NO_LABELS, value);
  }

  /** Convenience for one label. */
  default void sample(String labelName, String labelValue, double value) throws IOException {
    sample(new String[] {labelName}, new String[] {labelValue}, value);
  }
}
