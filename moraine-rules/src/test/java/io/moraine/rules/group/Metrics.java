package io.moraine.rules.group;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The registry in the text format, for assertions. */
final class Metrics {
  private Metrics() {}

  static String text(MetricRegistry r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      TextWriter w = new TextWriter(bytes);
      r.writeTo(w);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
