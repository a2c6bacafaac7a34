package io.moraine.logs.logql.pipeline;

import org.jspecify.annotations.Nullable;

/** Go's {@code strconv.Unquote} for double-quoted strings. */
final class GoUnquote {
  private GoUnquote() {}

  static @Nullable String unquote(String q) {
    if (q.length() < 2 || q.charAt(0) != '"' || q.charAt(q.length() - 1) != '"') {
      return null;
    }
    StringBuilder sb = new StringBuilder(q.length());
    int end = q.length() - 1;
    for (int i = 1; i < end; i++) {
      char c = q.charAt(i);
      if (c == '"' || c == '\n') {
        return null;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= end) {
        return null;
      }
      char e = q.charAt(i);
      switch (e) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case '\\', '"', '\'' -> sb.append(e);
        case 'x', 'u', 'U' -> {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + n >= end + 1) {
            return null;
          }
          try {
            sb.appendCodePoint(Integer.parseInt(q.substring(i + 1, i + 1 + n), 16));
          } catch (IllegalArgumentException ex) {
            return null;
          }
          i += n;
        }
        default -> {
          return null;
        }
      }
    }
    return sb.toString();
  }
}
