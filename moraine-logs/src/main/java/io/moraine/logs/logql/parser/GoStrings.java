package io.moraine.logs.logql.parser;

/** Go string literals: {@code strconv.Quote} for printing, escape decoding for the lexer. */
final class GoStrings {
  private GoStrings() {}

  /** Go's {@code strconv.Quote}: double quotes, printable runes kept, the rest escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> appendRune(sb, cp);
      }
    }
    return sb.append('"').toString();
  }

  private static void appendRune(StringBuilder sb, int cp) {
    if (printable(cp)) {
      sb.appendCodePoint(cp);
    } else if (cp < 0x20 || cp == 0x7f) {
      sb.append(String.format("\\x%02x", cp));
    } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
      sb.append("\\ufffd");
    } else if (cp < 0x10000) {
      sb.append(String.format("\\u%04x", cp));
    } else {
      sb.append(String.format("\\U%08x", cp));
    }
  }

  /** Approximates Go's {@code unicode.IsPrint}: graphic characters and the ASCII space. */
  private static boolean printable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
