package io.moraine.promql.engine;

import io.moraine.core.exposition.FloatFormat;
import io.moraine.core.labels.Labels;
import java.math.BigDecimal;

/**
 * The Go renderings that Prometheus's evaluation messages and {@code count_values} output use, so
 * that ours read byte for byte the same. Stateless.
 */
final class GoText {
  private GoText() {}

  /**
   * A label set as Go's {@code labels.Labels.String()}: {@code {__name__="up", job="x"}}, every
   * label in order, {@code __name__} included, values quoted as {@link #quote}.
   */
  static String labels(Labels labels) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(labels.name(i)).append('=');
      quote(sb, labels.value(i));
    }
    return sb.append('}').toString();
  }

  /** Go's {@code strconv.Quote}: printable characters as they are, the rest escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(sb, s);
    return sb.toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> appendOther(sb, c);
      }
    }
    sb.append('"');
  }

  private static void appendOther(StringBuilder sb, int c) {
    if (isPrint(c)) {
      sb.appendCodePoint(c);
    } else if (c < ' ' || c == 0x7f) {
      sb.append("\\x").append(hex(c, 2));
    } else if (c < 0x10000) {
      sb.append("\\u").append(hex(c, 4));
    } else {
      sb.append("\\U").append(hex(c, 8));
    }
  }

  private static String hex(int c, int width) {
    String h = Integer.toHexString(c);
    return "0".repeat(Math.max(0, width - h.length())) + h;
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols, ASCII space. */
  private static boolean isPrint(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
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
   * Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: the shortest digits that round-trip, never in
   * exponent form; {@code NaN}, {@code +Inf}, {@code -Inf}, {@code -0} as Go writes them.
   */
  static String plainFloat(double v) {
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

  /** Go's {@code fmt} verb {@code %v} for a float64 ({@code 'g'} shortest): {@code 1e+20}. */
  static String goValue(double v) {
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
}
