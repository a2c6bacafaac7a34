package io.moraine.promql.parser;

import io.moraine.core.exposition.FloatFormat;
import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.Labels;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The bits of Go's {@code fmt} and {@code strconv} that Prometheus's parser messages and printer
 * show: {@code %q} of strings and runes, {@code %#U}, {@code %v} and {@code %f} of floats, and
 * PromQL's string unquoting; also the renderings of evaluation messages and {@code count_values}
 * labels, so that ours read byte for byte as Prometheus's. Stateless.
 */
public final class GoText {
  private GoText() {}

  /** Go's {@code strconv.Quote}: double quotes, Go escapes for what is not printable. */
  public static String quote(String s) {
    return GoQuote.quote(s);
  }

  /** Appends {@code s} as Go's {@code %q} writes it. */
  static void appendQuoted(StringBuilder sb, String s, char quote) {
    GoQuote.appendQuoted(sb, s, quote);
  }

  /** Go's {@code strconv.QuoteRune}, e.g. {@code '.'} or {@code '\n'}. */
  static String quoteRune(int cp) {
    return GoQuote.quoteRune(cp);
  }

  /** Go's {@code %#U}: {@code U+0063 'c'}, the character only when printable. */
  static String unicodeRune(int cp) {
    return GoQuote.unicodeRune(cp);
  }

  static boolean isPrint(int cp) {
    return GoQuote.isPrint(cp);
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
    String j = Double.toString(v);
    if (j.indexOf('E') < 0) {
      // plain already (1e-3 <= |v| < 1e7): the common case, without a BigDecimal
      return j.endsWith(".0") ? j.substring(0, j.length() - 2) : j;
    }
    String digits = shortestDecimal(Math.abs(v)).toPlainString();
    return v < 0 ? "-" + digits : digits;
  }

  /**
   * The shortest decimal that reads back as {@code v}, the closest one among several, as Go's
   * precision -1 picks it. {@link Double#toString} gives the same digits, except that it may prefer
   * two digits to one when they are closer (e.g. {@code 4.9E-324} for Go's {@code 5e-324}). {@code
   * v} must be finite and non-zero.
   */
  public static BigDecimal shortestDecimal(double v) {
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    if (d.precision() != 2) {
      return d;
    }
    BigDecimal exact = new BigDecimal(v);
    BigDecimal best = null;
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal one = d.round(new MathContext(1, mode));
      boolean closer =
          best == null || one.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0;
      if (one.doubleValue() == v && closer) {
        best = one;
      }
    }
    return best == null ? d : best.stripTrailingZeros();
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
