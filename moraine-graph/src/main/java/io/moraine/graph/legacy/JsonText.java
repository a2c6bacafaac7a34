package io.moraine.graph.legacy;

import java.util.List;
import java.util.Map;

/**
 * A small pretty-printing JSON writer for trees of {@code Map<String, ?>} (in their iteration
 * order), {@code List<?>}, {@code String} and {@link RawNumber}.
 */
final class JsonText {
  /** A JSON number written as given (already valid JSON). */
  record RawNumber(String text) {}

  private JsonText() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb, int depth) {
    switch (value) {
      case String s -> string(s, sb);
      case RawNumber n -> sb.append(n.text());
      case Map<?, ?> m -> {
        if (m.isEmpty()) {
          sb.append("{}");
          return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          sb.append(first ? "\n" : ",\n");
          first = false;
          indent(sb, depth + 1);
          string(String.valueOf(e.getKey()), sb);
          sb.append(": ");
          write(e.getValue(), sb, depth + 1);
        }
        sb.append('\n');
        indent(sb, depth);
        sb.append('}');
      }
      case List<?> l -> {
        if (l.isEmpty()) {
          sb.append("[]");
          return;
        }
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          sb.append(i == 0 ? "\n" : ",\n");
          indent(sb, depth + 1);
          write(l.get(i), sb, depth + 1);
        }
        sb.append('\n');
        indent(sb, depth);
        sb.append(']');
      }
      default ->
          throw new IllegalStateException("BUG: no JSON form for " + value.getClass().getName());
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("    ".repeat(depth));
  }

  private static void string(String s, StringBuilder sb) {
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
