package io.moraine.rules.template;

/**
 * Scans the extent of Go literals inside an action: numbers, interpreted strings, raw strings and
 * character constants. Each method takes the input and the offset (chars) where the literal starts
 * and returns the offset just past it; it only finds where the literal ends, leaving its meaning to
 * {@link GoLiterals}. Stateless.
 */
final class LexLiterals {
  private static final String DECIMAL = "0123456789_";
  private static final String HEX = "0123456789abcdefABCDEF_";
  private static final String OCTAL = "01234567_";
  private static final String BINARY = "01_";

  private LexLiterals() {}

  /**
   * The end of the number syntax starting at {@code from}: an optional sign, an optional base
   * prefix, digits, a fraction, an exponent and an imaginary suffix, each as far as it goes. The
   * caller decides whether what follows is a valid terminator.
   */
  static int number(String in, int from) {
    int pos = from;
    if (in.charAt(pos) == '+' || in.charAt(pos) == '-') {
      pos++;
    }
    String digits = DECIMAL;
    if (in.startsWith("0", pos) && pos + 1 < in.length()) {
      char p = Character.toLowerCase(in.charAt(pos + 1));
      if (p == 'x') {
        pos += 2;
        digits = HEX;
      } else if (p == 'o') {
        pos += 2;
        digits = OCTAL;
      } else if (p == 'b') {
        pos += 2;
        digits = BINARY;
      }
    }
    pos = accept(in, pos, digits);
    if (pos < in.length() && in.charAt(pos) == '.') {
      pos = accept(in, pos + 1, digits);
    }
    String exponent = digits.equals(HEX) ? "pP" : "eE";
    if (pos < in.length() && exponent.indexOf(in.charAt(pos)) >= 0) {
      pos++;
      if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
        pos++;
      }
      pos = accept(in, pos, DECIMAL);
    }
    if (pos < in.length() && in.charAt(pos) == 'i') {
      pos++;
    }
    return pos;
  }

  /**
   * The end of a backslash-escaped literal opened by {@code quote} at {@code from} ({@code "} for a
   * string, {@code '} for a character constant), or -1 when a newline or the end of input comes
   * before the closing quote.
   */
  static int quoted(String in, int from, char quote) {
    int pos = from + 1;
    while (true) {
      if (pos >= in.length() || in.charAt(pos) == '\n') {
        return -1;
      }
      char c = in.charAt(pos++);
      if (c == '\\') {
        if (pos >= in.length() || in.charAt(pos) == '\n') {
          return -1;
        }
        pos++;
      } else if (c == quote) {
        return pos;
      }
    }
  }

  /** The end of a raw string opened by the backquote at {@code from}, or -1 when unclosed. */
  static int rawQuoted(String in, int from) {
    int end = in.indexOf('`', from + 1);
    return end < 0 ? -1 : end + 1;
  }

  private static int accept(String in, int from, String set) {
    int pos = from;
    while (pos < in.length() && set.indexOf(in.charAt(pos)) >= 0) {
      pos++;
    }
    return pos;
  }
}
