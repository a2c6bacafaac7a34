package io.moraine.core.labels;

/**
 * Go's quoting of strings and runes ({@code strconv.Quote}, {@code %q}, {@code %#U}), so that
 * messages that name a label value, a regex or an input token read byte for byte as Prometheus's.
 * Stateless.
 */
public final class GoQuote {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoQuote() {}

  /** Go's {@code strconv.Quote}: double quotes, Go escapes for what is not printable. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendQuoted(sb, s, '"');
    return sb.toString();
  }

  /** Appends {@code s} as Go's {@code %q} writes it. */
  public static void appendQuoted(StringBuilder sb, String s, char quote) {
    sb.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      appendEscapedRune(sb, cp, quote);
    }
    sb.append(quote);
  }

  /** Go's {@code strconv.QuoteRune}, e.g. {@code '.'} or {@code '\n'}. */
  public static String quoteRune(int cp) {
    StringBuilder sb = new StringBuilder(8);
    sb.append('\'');
    appendEscapedRune(sb, cp, '\'');
    return sb.append('\'').toString();
  }

  /** Go's {@code %#U}: {@code U+0063 'c'}, the character only when printable. */
  public static String unicodeRune(int cp) {
    String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
    StringBuilder sb = new StringBuilder("U+");
    sb.repeat('0', Math.max(0, 4 - hex.length())).append(hex);
    if (isPrint(cp)) {
      sb.append(" '").appendCodePoint(cp).append('\'');
    }
    return sb.toString();
  }

  private static void appendEscapedRune(StringBuilder sb, int cp, char quote) {
    if (cp == quote || cp == '\\') {
      sb.append('\\').appendCodePoint(cp);
      return;
    }
    if (isPrint(cp)) {
      sb.appendCodePoint(cp);
      return;
    }
    switch (cp) {
      case 0x07 -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case 0x0b -> sb.append("\\v");
      default -> {
        if (cp < ' ' || cp == 0x7f) {
          sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
          return;
        }
        int r = Character.isSurrogate((char) cp) && cp < 0x10000 ? 0xfffd : cp;
        if (r < 0x10000) {
          sb.append("\\u");
          appendHex(sb, r, 4);
        } else {
          sb.append("\\U");
          appendHex(sb, r, 8);
        }
      }
    }
  }

  private static void appendHex(StringBuilder sb, int v, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(v >> shift) & 0xf]);
    }
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space.
   */
  public static boolean isPrint(int cp) {
    if (cp < 0x7f) {
      return cp >= 0x20;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
