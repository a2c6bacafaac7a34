package io.moraine.agent.http;

import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import io.moraine.core.exposition.TextWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Renders what collectors write, through the core {@link TextWriter}, as the Prometheus text format
 * 0.0.4 or OpenMetrics 1.0.0 into an in-memory buffer (an agent's page is tens of kilobytes;
 * buffering gives a Content-Length and lets the page be gzipped in one go). A family's {@code #
 * HELP} and {@code # TYPE} lines are written with its first sample, so families without samples
 * vanish. In OpenMetrics, a counter named {@code x_total} is declared as family {@code x}; a
 * counter without the suffix and untyped families are declared {@code unknown}; the page ends with
 * {@code # EOF}. Not thread-safe.
 */
final class ExpositionWriter implements MetricWriter {
  private final boolean openMetrics;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
  private final TextWriter text;
  private @Nullable String name;
  private MetricType type = MetricType.UNTYPED;
  private String help = "";
  private boolean headerWritten;

  ExpositionWriter(boolean openMetrics) {
    this.openMetrics = openMetrics;
    this.text = new TextWriter(bytes, openMetrics);
  }

  String contentType() {
    return openMetrics ? TextWriter.OPENMETRICS_CONTENT_TYPE : TextWriter.CONTENT_TYPE;
  }

  @Override
  public void family(String name, MetricType type, String help) {
    this.name = name;
    this.type = type;
    this.help = help;
    this.headerWritten = false;
  }

  @Override
  public void sample(String[] labelNames, String[] labelValues, double value) throws IOException {
    String n = name;
    if (n == null) {
      throw new IllegalStateException("BUG: sample before any family");
    }
    if (labelNames.length != labelValues.length) {
      throw new IllegalStateException(
          "BUG: "
              + n
              + ": "
              + labelNames.length
              + " label names, "
              + labelValues.length
              + " values");
    }
    if (!headerWritten) {
      header(n);
      headerWritten = true;
    }
    text.sample(n, labelNames, labelValues, value);
  }

  private void header(String n) throws IOException {
    String declared = n;
    String typeText = type.text();
    if (openMetrics) {
      if (type == MetricType.COUNTER && n.endsWith("_total")) {
        declared = n.substring(0, n.length() - "_total".length());
      } else if (type != MetricType.GAUGE) {
        typeText = "unknown";
      }
    }
    text.help(declared, help);
    text.type(declared, typeText);
  }

  /** The page; in OpenMetrics with its closing {@code # EOF}. */
  byte[] toBytes() throws IOException {
    text.eof();
    text.flush();
    return bytes.toByteArray();
  }
}
