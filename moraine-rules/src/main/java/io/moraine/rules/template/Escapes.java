package io.moraine.rules.template;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code template.HTMLEscapeString}, {@code JSEscapeString} and {@code url.QueryEscape}, for
 * templates and for the links Prometheus and Alertmanager build (generator URLs, alert lists).
 * Stateless.
 */
public final class Escapes {
  private Escapes() {}

  public static String html(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("&#34;");
        case '\'' -> sb.append("&#39;");
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\0' -> sb.append('\ufffd');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  public static String js(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '"' -> sb.append("\\\"");
        case '<' -> sb.append("\\u003C");
        case '>' -> sb.append("\\u003E");
        case '&' -> sb.append("\\u0026");
        case '=' -> sb.append("\\u003D");
        default -> {
          boolean printable =
              c >= 0x80 ? io.moraine.core.labels.GoQuote.isPrint(c) : c >= ' ' && c != 0x7f;
          if (printable) {
            sb.appendCodePoint(c);
          } else {
            sb.append(String.format("\\u%04X", c));
          }
        }
      }
    }
    return sb.toString();
  }

  /** {@code url.QueryEscape}: space as {@code +}, unreserved bytes kept, others {@code %XX}. */
  public static String queryEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
