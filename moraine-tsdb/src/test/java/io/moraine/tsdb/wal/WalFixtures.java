package io.moraine.tsdb.wal;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the WAL tests. */
final class WalFixtures {
  static final WalOptions SMALL = new WalOptions(4096, 1000);

  private WalFixtures() {}

  /** A record of type 1 whose payload is the text, padded with dots to {@code size} bytes. */
  static byte[] rec(String text, int size) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] r = new byte[Math.max(size, t.length + 1)];
    r[0] = 1;
    System.arraycopy(t, 0, r, 1, t.length);
    for (int i = t.length + 1; i < r.length; i++) {
      r[i] = '.';
    }
    return r;
  }

  static byte[] rec(String text) {
    return rec(text, 0);
  }

  /** The text of a record made by {@link #rec}. */
  static String text(ByteBuffer record) {
    byte[] b = new byte[record.remaining() - 1];
    record.duplicate().position(record.position() + 1).get(b);
    String s = new String(b, StandardCharsets.UTF_8);
    int dots = s.length();
    while (dots > 0 && s.charAt(dots - 1) == '.') {
      dots--;
    }
    return s.substring(0, dots);
  }

  static Wal open(Path dir, WalOptions o, WalMetrics m) throws IOException {
    return Wal.open(dir, o, m, Clock.SYSTEM);
  }

  static WalMetrics metrics() {
    return new WalMetrics(new MetricRegistry());
  }

  /** The texts of every record from {@code reader}, closing it. */
  static List<String> readAll(WalReader reader) throws IOException {
    List<String> out = new ArrayList<>();
    try (reader) {
      while (reader.next()) {
        out.add(text(reader.record()));
      }
    }
    return out;
  }

  static List<String> texts(String prefix, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(prefix + i);
    }
    return out;
  }

  static String exposition(MetricRegistry registry) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(bytes);
    registry.writeTo(w);
    w.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
