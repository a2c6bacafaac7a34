package io.moraine.logs.push;

import io.moraine.logs.push.OtlpModel.Attr;
import io.moraine.logs.push.OtlpModel.KvList;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** OTLP attribute values as Loki renders them: label names sanitized, values as text. */
final class OtlpValues {
  private OtlpValues() {}

  /**
   * Adds {@code key}'s label name and value(s) to {@code out} (alternating): a map value flattens
   * to one label per entry, named {@code key_entry}.
   */
  static void flatten(String key, @Nullable Object value, String prefix, List<String> out) {
    String name = sanitize(prefix.isEmpty() ? key : prefix + "_" + key);
    if (value instanceof KvList(List<Attr> values)) {
      for (Attr a : values) {
        flatten(a.key(), a.value(), name, out);
      }
    } else {
      out.add(name);
      out.add(asString(value));
    }
  }

  /** The OpenTelemetry collector's label normalization (Loki's OTLP ingestion). */
  static String sanitize(String label) {
    if (label.isEmpty()) {
      return label;
    }
    StringBuilder sb = new StringBuilder(label.length() + 4);
    label.codePoints().forEach(c -> sb.appendCodePoint(Character.isLetterOrDigit(c) ? c : '_'));
    String s = sb.toString();
    if (Character.isDigit(s.codePointAt(0))) {
      return "key_" + s;
    }
    if (s.startsWith("_") && !s.startsWith("__")) {
      return "key" + s;
    }
    return s;
  }

  /** A value as text, as the collector's {@code Value.AsString}. */
  static String asString(@Nullable Object v) {
    return switch (v) {
      case null -> "";
      case String s -> s;
      case Boolean b -> b.toString();
      case Long l -> l.toString();
      case Double d -> formatDouble(d);
      case byte[] b -> Base64.getEncoder().encodeToString(b);
      default -> {
        StringBuilder sb = new StringBuilder();
        json(v, sb);
        yield sb.toString();
      }
    };
  }

  private static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return "0";
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static void json(@Nullable Object v, StringBuilder sb) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> quote(s, sb);
      case Boolean b -> sb.append(b);
      case Long l -> sb.append(l);
      case Double d -> sb.append(formatDouble(d));
      case byte[] b -> quote(Base64.getEncoder().encodeToString(b), sb);
      case KvList(List<Attr> values) -> {
        TreeMap<String, @Nullable Object> sorted = new TreeMap<>();
        for (Attr a : values) {
          sorted.put(a.key(), a.value());
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, @Nullable Object> e : sorted.entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          quote(e.getKey(), sb);
          sb.append(':');
          json(e.getValue(), sb);
        }
        sb.append('}');
      }
      case List<?> list -> {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          json(list.get(i), sb);
        }
        sb.append(']');
      }
      default -> throw new IllegalStateException("BUG: unexpected OTLP value " + v.getClass());
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
