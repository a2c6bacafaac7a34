package io.moraine.agent.http;

import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Renders what collectors write as the Prometheus text format 0.0.4 or OpenMetrics 1.0.0 into an
 * in-memory buffer (an agent's page is tens of kilobytes; buffering gives a Content-Length and lets
 * the page be gzipped in one go). A family's {@code # HELP} and {@code # TYPE} lines are written
 * with its first sample, so families without samples vanish. In OpenMetrics, a counter named {@code
 * x_total} is declared as family {@code x}; a counter without the suffix and untyped families are
 * declared {@code unknown}; the page ends with {@code # EOF}. Not thread-safe.
 */
final class ExpositionWriter implements MetricWriter {
  static final String OPENMETRICS_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final boolean openMetrics;
  private final StringBuilder sb = new StringBuilder(64 * 1024);
  private @Nullable String name;
  private MetricType type = MetricType.UNTYPED;
  private String help = "";
  private boolean headerWritten;

  ExpositionWriter(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  String contentType() {
    return openMetrics ? OPENMETRICS_TYPE : TextWriter.CONTENT_TYPE;
  }

  @Override
  public void family(String name, MetricType type, String help) {
    this.name = name;
    this.type = type;
    this.help = help;
    this.headerWritten = false;
  }

  @Override
  public void sample(String[] labelNames, String[] labelValues, double value) {
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
    sb.append(n);
    if (labelNames.length > 0) {
      sb.append('{');
      for (int i = 0; i < labelNames.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(labelNames[i]).append("=\"");
        Labels.appendEscaped(sb, labelValues[i]);
        sb.append('"');
      }
      sb.append('}');
    }
    sb.append(' ').append(TextWriter.formatValue(value)).append('\n');
  }

  private void header(String n) {
    String declared = n;
    String typeText = type.text();
    if (openMetrics) {
      if (type == MetricType.COUNTER && n.endsWith("_total")) {
        declared = n.substring(0, n.length() - "_total".length());
      } else if (type != MetricType.GAUGE) {
        typeText = "unknown";
      }
    }
    sb.append("# HELP ").append(declared).append(' ');
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '"' -> sb.append(openMetrics ? "\\\"" : "\"");
        default -> sb.append(c);
      }
    }
    sb.append('\n');
    sb.append("# TYPE ").append(declared).append(' ').append(typeText).append('\n');
  }

  /** The page; in OpenMetrics with its closing {@code # EOF}. */
  byte[] toBytes() {
    if (openMetrics) {
      sb.append("# EOF\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
