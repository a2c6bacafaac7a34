package io.moraine.promql.parser;

import io.moraine.core.exposition.FloatFormat;
import io.moraine.core.labels.Labels;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The bits of Go's {@code fmt} and {@code strconv} that Prometheus's parser messages and printer
 * show: {@code %q} of strings and runes, {@code %#U}, {@code %v} and {@code %f} of floats, and
 * PromQL's string unquoting; also the renderings of evaluation messages and {@code count_values}
 * labels, so that ours read byte for byte as Prometheus's. Stateless.
 */
public final class GoText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoText() {}

  /** Go's {@code strconv.Quote}: double quotes, Go escapes for what is not printable. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendQuoted(sb, s, '"');
    return sb.toString();
  }

  /** Appends {@code s} as Go's {@code %q} writes it. */
  static void appendQuoted(StringBuilder sb, String s, char quote) {
    sb.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      appendEscapedRune(sb, cp, quote);
    }
    sb.append(quote);
  }

  /** Go's {@code strconv.QuoteRune}, e.g. {@code '.'} or {@code '\n'}. */
  static String quoteRune(int cp) {
    StringBuilder sb = new StringBuilder(8);
    sb.append('\'');
    appendEscapedRune(sb, cp, '\'');
    return sb.append('\'').toString();
  }

  /** Go's {@code %#U}: {@code U+0063 'c'}, the character only when printable. */
  static String unicodeRune(int cp) {
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
  static boolean isPrint(int cp) {
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

  /**
   * A label set as Go's {@code labels.Labels.String()}: {@code {__name__="up", job="x"}}, every
   * label in order, {@code __name__} included, values quoted as {@link #quote}.
   */
  public static String labels(Labels labels) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(labels.name(i)).append('=');
      appendQuoted(sb, labels.value(i), '"');
    }
    return sb.append('}').toString();
  }

  /**
   * Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: the shortest digits that round-trip, never in
   * exponent form; {@code NaN}, {@code +Inf}, {@code -Inf}, {@code -0} as Go writes them.
   */
  public static String plainFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    // Double.toString gives the shortest round-tripping digits (JDK 19+), as Go's shortest mode.
    String digits =
        new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros().toPlainString();
    return v < 0 ? "-" + digits : digits;
  }

  /**
   * Go's {@code %v} of a float64: {@code 1}, {@code 0.5}, {@code 1e+06}, {@code +Inf}, {@code NaN}.
   */
  public static String formatFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    return FloatFormat.shortest(v, FloatFormat.GO_G_THRESHOLD);
  }

  /** Go's {@code %.Nf}: exact decimal rounding, half to even; {@code +Inf}, {@code NaN}. */
  static String formatFixed(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    if (1 / v < 0 && !s.startsWith("-")) {
      s = "-" + s; // Go keeps the sign of negative zero and of values rounding to zero
    }
    return s;
  }

  /**
   * PromQL's string unquoting (Prometheus {@code strutil.Unquote}) of a literal the lexer has
   * already validated, quotes included. {@code \x} and octal escapes are bytes; the result is their
   * UTF-8 decoding.
   */
  static String unquote(String lit) {
    char q = lit.charAt(0);
    String body = lit.substring(1, lit.length() - 1);
    if (q == '`' || body.indexOf('\\') < 0) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 8);
    for (int i = 0; i < body.length(); ) {
      char c = body.charAt(i);
      if (c != '\\') {
        int cp = body.codePointAt(i);
        int n = Character.charCount(cp);
        out.writeBytes(body.substring(i, i + n).getBytes(StandardCharsets.UTF_8));
        i += n;
        continue;
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a' -> out.write(0x07);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(0x0b);
        case 'x' -> {
          out.write(Integer.parseInt(body, i, i + 2, 16));
          i += 2;
        }
        case 'u', 'U' -> {
          int n = e == 'u' ? 4 : 8;
          int cp = Integer.parseInt(body, i, i + n, 16);
          out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
          i += n;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          out.write(Integer.parseInt(body, i - 1, i + 2, 8));
          i += 2;
        }
        default -> out.write(e); // \\, \' or \"
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
