package io.moraine.ingest.otlp;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The text exposition of a registry, for assertions. */
final class SelfMetrics {
  private SelfMetrics() {}

  static String text(MetricRegistry registry) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(bytes);
    registry.writeTo(w);
    w.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
