package io.moraine.ingest.push;

import io.moraine.core.exposition.FloatFormat;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.ingest.proto.WireFormatException;
import io.moraine.ingest.proto.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A push body of length-delimited {@code io.prometheus.client.MetricFamily} messages (the Go
 * client's default), flattened to the series that Pushgateway's text exposition of them shows: a
 * summary's {@code {quantile=...}}, {@code _sum} and {@code _count}; a histogram's {@code
 * _bucket{le=...}} (with {@code +Inf} added when missing), {@code _sum} and {@code _count}; bounds
 * written as Go's {@code 'g'} format. Native-histogram fields are ignored. Stateless.
 */
final class ProtoBody {
  private ProtoBody() {}

  static boolean accepts(String contentType) {
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/vnd.google.protobuf")) {
      return false;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        String v = parts[i].substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        params.put(parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT), v);
      }
    }
    return "delimited".equals(params.get("encoding"))
        && "io.prometheus.client.MetricFamily".equals(params.get("proto"));
  }

  static PushBody decode(byte[] body) {
    WireReader r = new WireReader(body, 0, body.length);
    Map<String, MetricFamily> out = new LinkedHashMap<>();
    boolean[] timestamps = {false};
    try {
      while (r.position() < r.limit()) {
        int outer = r.enter();
        MetricFamily f = family(r, timestamps);
        r.exit(outer);
        out.put(f.name(), f); // a later family of the same name wins, as in Pushgateway
      }
    } catch (WireFormatException e) {
      throw new PushRejectedException(
          "invalid protobuf at byte " + e.offset() + ": " + e.getMessage());
    }
    return new PushBody(out, timestamps[0]);
  }

  private static MetricFamily family(WireReader r, boolean[] timestamps) {
    String name = "";
    String help = "";
    FamilyType type = FamilyType.COUNTER; // proto3 default 0
    List<Integer> metricStarts = new ArrayList<>();
    while (r.next()) {
      switch (r.field()) {
        case 1 -> name = string(r);
        case 2 -> help = string(r);
        case 3 -> type = FamilyType.ofNumber((int) r.varint());
        case 4 -> {
          metricStarts.add(r.position());
          r.skip();
        }
        default -> r.skip();
      }
    }
    if (!LabelValidation.isValidMetricName(name)) {
      throw new PushRejectedException("invalid metric name \"" + name + "\"");
    }
    int end = r.position();
    List<PushedSample> samples = new ArrayList<>();
    for (int start : metricStarts) {
      r.seek(start);
      int outer = r.enter();
      new ProtoMetric(name, type).read(r, samples, timestamps);
      r.exit(outer);
    }
    r.seek(end);
    return new MetricFamily(name, type, help, samples);
  }

  static String string(WireReader r) {
    int n = r.length();
    String s = new String(r.array(), r.position(), n, StandardCharsets.UTF_8);
    r.seek(r.position() + n);
    return s;
  }

  /** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}. */
  static String goFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return v == 0 ? "0" : FloatFormat.shortest(v, FloatFormat.GO_G_THRESHOLD);
  }

  static Labels withName(Labels base, String name, String extraName, String extraValue) {
    Labels.Builder b = base.toBuilder().add(Labels.METRIC_NAME, name);
    if (!extraName.isEmpty()) {
      b.add(extraName, extraValue);
    }
    return b.build();
  }
}
