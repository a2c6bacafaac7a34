package io.moraine.graph.render;

import java.nio.charset.StandardCharsets;

/**
 * IRI path segments as the renderer writes them (the names in entity IRIs and subgraph ids), so
 * that readers of the graph (the sites API, the legacy profile) build and parse the same IRIs.
 */
public final class IriSegments {
  private IriSegments() {}

  /**
   * {@code s} percent-encoded as one IRI path segment: RFC 3986 unreserved characters stay, every
   * other byte of its UTF-8 becomes {@code %XX}.
   */
  public static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** The inverse of {@link #encode}; a malformed escape is kept as it is. */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (c == '%' && hi >= 0 && lo >= 0) {
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          if (n == out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
          }
          out[n++] = b;
        }
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
