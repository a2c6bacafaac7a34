package io.moraine.rules.notify.receiver;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte for byte as Go's {@code encoding/json} encoder does by default: compact, map
 * keys sorted by UTF-8 bytes, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as {@code
 * \}{@code u00xx}, a newline at the end. Not thread-safe; one per message.
 */
final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final StringBuilder sb = new StringBuilder(512);
  private boolean comma;

  GoJson open() {
    sep();
    sb.append('{');
    comma = false;
    return this;
  }

  GoJson close() {
    sb.append('}');
    comma = true;
    return this;
  }

  GoJson openArray() {
    sep();
    sb.append('[');
    comma = false;
    return this;
  }

  GoJson closeArray() {
    sb.append(']');
    comma = true;
    return this;
  }

  GoJson name(String n) {
    sep();
    quote(n);
    sb.append(':');
    comma = false;
    return this;
  }

  GoJson str(String v) {
    sep();
    quote(v);
    comma = true;
    return this;
  }

  GoJson field(String n, String v) {
    return name(n).str(v);
  }

  /** A string field left out when empty ({@code omitempty}). */
  GoJson fieldOmitEmpty(String n, String v) {
    return v.isEmpty() ? this : field(n, v);
  }

  GoJson field(String n, long v) {
    name(n);
    sb.append(v);
    comma = true;
    return this;
  }

  GoJson field(String n, boolean v) {
    name(n);
    sb.append(v);
    comma = true;
    return this;
  }

  /** A JSON object of a string map, keys in Go's order. */
  GoJson map(Map<String, String> m) {
    open();
    List<String> keys = new ArrayList<>(m.keySet());
    keys.sort(Labels::compareUtf8);
    for (String k : keys) {
      field(k, m.getOrDefault(k, ""));
    }
    return close();
  }

  /** The document with Go's trailing newline. */
  String finish() {
    return sb.append('\n').toString();
  }

  private void sep() {
    if (comma) {
      sb.append(',');
    }
  }

  private void quote(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(c);
        default -> {
          if (c < 0x20) {
            unicode(c);
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              sb.append("\\ufffd");
            }
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private void unicode(char c) {
    sb.append("\\u")
        .append(HEX[c >> 12 & 0xf])
        .append(HEX[c >> 8 & 0xf])
        .append(HEX[c >> 4 & 0xf])
        .append(HEX[c & 0xf]);
  }
}
