package io.moraine.rules.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Go's {@code strconv.Unquote} and {@code ParseInt(s, 0, 64)} for template literals. Stateless. */
final class GoLiterals {
  private GoLiterals() {}

  /**
   * Unquotes a Go string ({@code "..."}, {@code `...`}) or character ({@code '.'}) literal.
   *
   * @throws IllegalArgumentException "invalid syntax" as Go's strconv says
   */
  static String unquote(String lit) {
    if (lit.length() < 2 || lit.charAt(lit.length() - 1) != lit.charAt(0)) {
      throw new IllegalArgumentException("invalid syntax");
    }
    char q = lit.charAt(0);
    String body = lit.substring(1, lit.length() - 1);
    if (q == '`') {
      return body.replace("\r", "");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 8);
    int runes = 0;
    for (int i = 0; i < body.length(); runes++) {
      char c = body.charAt(i);
      if (c == q || c == '\n') {
        throw new IllegalArgumentException("invalid syntax");
      }
      if (c != '\\') {
        int cp = body.codePointAt(i);
        int n = Character.charCount(cp);
        out.writeBytes(body.substring(i, i + n).getBytes(StandardCharsets.UTF_8));
        i += n;
        continue;
      }
      if (i + 1 >= body.length()) {
        throw new IllegalArgumentException("invalid syntax");
      }
      i = escape(body, i + 1, q, out);
    }
    if (q == '\'' && runes != 1) {
      throw new IllegalArgumentException("invalid syntax");
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int escape(String body, int i, char q, ByteArrayOutputStream out) {
    char e = body.charAt(i++);
    switch (e) {
      case 'a' -> out.write(0x07);
      case 'b' -> out.write('\b');
      case 'f' -> out.write('\f');
      case 'n' -> out.write('\n');
      case 'r' -> out.write('\r');
      case 't' -> out.write('\t');
      case 'v' -> out.write(0x0b);
      case '\\' -> out.write('\\');
      case 'x' -> {
        out.write(hex(body, i, 2));
        i += 2;
      }
      case 'u', 'U' -> {
        int n = e == 'u' ? 4 : 8;
        int cp = hex(body, i, n);
        if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
          throw new IllegalArgumentException("invalid syntax");
        }
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += n;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        if (i + 2 > body.length()) {
          throw new IllegalArgumentException("invalid syntax");
        }
        int v = Integer.parseInt(body, i - 1, i + 2, 8);
        if (v > 255) {
          throw new IllegalArgumentException("invalid syntax");
        }
        out.write(v);
        i += 2;
      }
      default -> {
        if (e != q) {
          throw new IllegalArgumentException("invalid syntax");
        }
        out.write(e);
      }
    }
    return i;
  }

  private static int hex(String s, int from, int n) {
    if (from + n > s.length()) {
      throw new IllegalArgumentException("invalid syntax");
    }
    try {
      return Integer.parseUnsignedInt(s, from, from + n, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid syntax", e);
    }
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}: sign, base prefixes, underscores; empty if not. */
  static OptionalLong parseInt(String s) {
    String t = s;
    boolean neg = false;
    if (t.startsWith("+") || t.startsWith("-")) {
      neg = t.charAt(0) == '-';
      t = t.substring(1);
    }
    int radix = 10;
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      t = t.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      t = t.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      t = t.substring(2);
    } else if (t.length() > 1 && t.startsWith("0")) {
      radix = 8;
      t = t.substring(1);
    }
    if (t.startsWith("_") || t.endsWith("_") || t.contains("__")) {
      return OptionalLong.empty();
    }
    t = t.replace("_", "");
    if (t.isEmpty() || t.startsWith("+") || t.startsWith("-")) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(neg ? "-" + t : t, radix));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Go's {@code strconv.ParseFloat} for a number token; NaN when it does not parse. */
  static double parseFloat(String s) {
    String t = s.replace("_", "");
    if (t.isEmpty() || "dDfF".indexOf(t.charAt(t.length() - 1)) >= 0) {
      return Double.NaN;
    }
    try {
      String lower = t.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("0x") && !lower.contains("p")) {
        return Double.NaN;
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
