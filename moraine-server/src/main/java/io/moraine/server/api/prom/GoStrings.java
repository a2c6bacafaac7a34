package io.moraine.server.api.prom;

/** Go's {@code %q} quoting, which Prometheus uses in its error messages. Stateless. */
final class GoStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoStrings() {}

  /**
   * {@code s} in double quotes with Go's escapes: {@code \"}, {@code \\}, the short control escapes
   * and {@code \xNN} / {@code \}{@code uNNNN} for other non-printable characters.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\u0007' -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\u000b' -> sb.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else if (Character.isISOControl(c) || Character.isSurrogate(c) && !paired(s, i)) {
            sb.append("\\u");
            for (int shift = 12; shift >= 0; shift -= 4) {
              sb.append(HEX[(c >> shift) & 0xf]);
            }
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean paired(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
