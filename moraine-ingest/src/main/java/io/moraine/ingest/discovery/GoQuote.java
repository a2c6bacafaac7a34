package io.moraine.ingest.discovery;

/**
 * Quotes a string as Go's {@code %q} does, so that error messages read as Prometheus's: double
 * quotes, backslash escapes for quotes, backslashes and control characters, printable text as is.
 */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case 0x0b -> sb.append("\\v");
        default -> appendOther(sb, cp);
      }
    }
    return sb.append('"').toString();
  }

  private static void appendOther(StringBuilder sb, int cp) {
    if (cp < 0x20 || cp == 0x7f) {
      sb.append(String.format("\\x%02x", cp));
    } else if (Character.isSurrogate((char) cp)) {
      sb.append('\ufffd'); // an unpaired surrogate: Go would show the replacement character
    } else if (Character.isISOControl(cp)) {
      sb.append(String.format("\\u%04x", cp));
    } else {
      sb.appendCodePoint(cp);
    }
  }
}
