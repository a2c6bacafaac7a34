package io.moraine.rules.template;

import io.moraine.core.exposition.FloatFormat;
import io.moraine.core.labels.GoQuote;
import io.moraine.promql.parser.GoText;
import io.moraine.rules.template.Values.GoTime;
import io.moraine.rules.template.Values.Html;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Go's {@code fmt.Sprintf}, {@code Sprint} and {@code Sprintln} for template values: verbs {@code
 * %v %s %d %f %e %g %q %x %X %t %c %b %o %%}, flags {@code - + 0 space}, width and precision (also
 * {@code *}), and Go's {@code %!verb(type=value)} marks for mismatches. Stateless.
 */
final class GoFmt {
  private GoFmt() {}

  /** A parsed directive: flags, width and precision (-1 when absent). */
  private record Spec(
      boolean minus, boolean plus, boolean zero, boolean space, int width, int prec) {}

  static String sprintf(String format, List<@Nullable Object> args) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    int argi = 0;
    int i = 0;
    int n = format.length();
    while (i < n) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      boolean space = false;
      for (; i < n; i++) {
        char f = format.charAt(i);
        if (f == '-') {
          minus = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == ' ') {
          space = true;
        } else if (f != '#') {
          break;
        }
      }
      int width = -1;
      if (i < n && format.charAt(i) == '*') {
        i++;
        width = argi < args.size() && args.get(argi) instanceof Long w ? w.intValue() : -1;
        argi++;
        if (width < 0 && width != -1) {
          minus = true;
          width = -width;
        }
      } else {
        int start = i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        width = i > start ? Integer.parseInt(format, start, i, 10) : -1;
      }
      int prec = -1;
      if (i < n && format.charAt(i) == '.') {
        i++;
        if (i < n && format.charAt(i) == '*') {
          i++;
          prec = argi < args.size() && args.get(argi) instanceof Long p ? p.intValue() : -1;
          argi++;
        } else {
          int start = i;
          while (i < n && Character.isDigit(format.charAt(i))) {
            i++;
          }
          prec = i > start ? Integer.parseInt(format, start, i, 10) : 0;
        }
      }
      if (i >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argi >= args.size()) {
        out.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      Spec spec = new Spec(minus, plus, zero && !minus, space, width, prec);
      out.append(formatOne(spec, verb, args.get(argi++)));
    }
    if (argi < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argi; k < args.size(); k++) {
        if (k > argi) {
          out.append(", ");
        }
        Object a = args.get(k);
        out.append(Values.typeName(a)).append('=').append(Values.sprint(a));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String formatOne(Spec spec, int verb, @Nullable Object arg) {
    String body =
        switch (arg) {
          case Long l -> formatInt(spec, verb, l);
          case Double d -> formatDouble(spec, verb, d);
          case Boolean b -> verb == 't' || verb == 'v' ? b.toString() : null;
          case String s -> formatString(spec, verb, s);
          case Html h -> formatString(spec, verb, h.text());
          case GoTime t -> formatString(spec, verb, t.toString());
          case null -> verb == 'v' ? "<nil>" : null;
          default -> verb == 'v' || verb == 's' ? Values.sprint(arg) : null;
        };
    if (body == null) {
      return "%!"
          + Character.toString(verb)
          + "("
          + Values.typeName(arg)
          + "="
          + Values.sprint(arg)
          + ")";
    }
    return pad(spec, body, arg instanceof Long || arg instanceof Double);
  }

  private static String pad(Spec spec, String body, boolean numeric) {
    int len = body.codePointCount(0, body.length());
    if (spec.width() <= len) {
      return body;
    }
    int fill = spec.width() - len;
    if (spec.minus()) {
      return body + " ".repeat(fill);
    }
    if (spec.zero()) {
      boolean finite = !(body.endsWith("Inf") || body.endsWith("NaN"));
      if (!numeric) {
        return "0".repeat(fill) + body;
      }
      if (finite) {
        int signLen = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0 ? 1 : 0;
        return body.substring(0, signLen) + "0".repeat(fill) + body.substring(signLen);
      }
    }
    return " ".repeat(fill) + body;
  }

  private static @Nullable String formatInt(Spec spec, int verb, long v) {
    String digits;
    switch (verb) {
      case 'd', 'v' -> digits = Long.toString(Math.abs(v));
      case 'b' -> digits = Long.toBinaryString(Math.abs(v));
      case 'o' -> digits = Long.toOctalString(Math.abs(v));
      case 'x' -> digits = Long.toHexString(Math.abs(v));
      case 'X' -> digits = Long.toHexString(Math.abs(v)).toUpperCase(java.util.Locale.ROOT);
      case 'c' -> {
        return Character.isValidCodePoint((int) v) ? Character.toString((int) v) : "\ufffd";
      }
      case 'q' -> {
        return GoQuote.quoteRune((int) v);
      }
      case 'e', 'E', 'f', 'F', 'g', 'G', 's', 't' -> {
        return null;
      }
      default -> {
        return null;
      }
    }
    if (v == Long.MIN_VALUE) {
      int radix =
          switch (verb) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'd', 'v' -> 10;
            default -> 16;
          };
      digits = Long.toUnsignedString(v, radix);
    }
    if (spec.prec() >= 0 && digits.length() < spec.prec()) {
      digits = "0".repeat(spec.prec() - digits.length()) + digits;
    }
    return sign(spec, v < 0) + digits;
  }

  private static String sign(Spec spec, boolean negative) {
    return negative ? "-" : spec.plus() ? "+" : spec.space() ? " " : "";
  }

  private static @Nullable String formatDouble(Spec spec, int verb, double v) {
    String s;
    switch (verb) {
      case 'v', 'g' -> s = formatFloat(v, 'g', spec.prec());
      case 'G' -> s = formatFloat(v, 'g', spec.prec()).toUpperCase(java.util.Locale.ROOT);
      case 'e' -> s = formatFloat(v, 'e', spec.prec() < 0 ? 6 : spec.prec());
      case 'E' ->
          s =
              formatFloat(v, 'e', spec.prec() < 0 ? 6 : spec.prec())
                  .toUpperCase(java.util.Locale.ROOT);
      case 'f', 'F' -> s = formatFloat(v, 'f', spec.prec() < 0 ? 6 : spec.prec());
      default -> {
        return null;
      }
    }
    if (s.equals("+Inf") && spec.space() && !spec.plus()) {
      return " Inf";
    }
    if (!s.startsWith("-") && !s.startsWith("+")) {
      s = sign(spec, false) + s;
    }
    return s;
  }

  /**
   * Go's {@code strconv.FormatFloat(v, fmt, prec, 64)} for {@code 'e'}, {@code 'f'}, {@code 'g'};
   * {@code prec} -1 for the shortest digits that read back; infinities as {@code +Inf}/{@code
   * -Inf}.
   */
  static String formatFloat(double v, char fmt, int prec) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    String sign = neg ? "-" : "";
    if (prec < 0) {
      if (v == 0) {
        return sign + (fmt == 'e' ? "0e+00" : "0");
      }
      return switch (fmt) {
        case 'f' -> GoText.plainFloat(v);
        case 'e' -> FloatFormat.shortest(v, -100);
        default -> FloatFormat.shortest(v, FloatFormat.GO_G_THRESHOLD);
      };
    }
    if (fmt == 'f') {
      String s = new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
      return sign + s;
    }
    int sig = fmt == 'e' ? prec + 1 : Math.max(prec, 1);
    String digits;
    int dp; // position of the decimal point relative to digits
    if (v == 0) {
      digits = "0";
      dp = 1;
    } else {
      BigDecimal r =
          new BigDecimal(Math.abs(v)).round(new MathContext(sig, RoundingMode.HALF_EVEN));
      BigDecimal stripped = r.stripTrailingZeros();
      digits = stripped.unscaledValue().toString();
      dp = digits.length() - stripped.scale();
    }
    if (fmt == 'e') {
      return sign + eForm(digits, dp, prec);
    }
    int eprec = sig;
    if (eprec > digits.length() && digits.length() >= dp) {
      eprec = digits.length();
    }
    int exp = dp - 1;
    if (exp < -4 || exp >= eprec) {
      return sign + eForm(digits, dp, Math.min(sig, digits.length()) - 1);
    }
    int decimals = Math.max((sig > dp ? digits.length() : sig) - dp, 0);
    BigDecimal plain = new BigDecimal(new java.math.BigInteger(digits), digits.length() - dp);
    return sign + plain.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** {@code d.ddde±XX} with {@code decimals} digits after the point (zero-padded). */
  private static String eForm(String digits, int dp, int decimals) {
    StringBuilder sb = new StringBuilder(decimals + 8);
    sb.append(digits.charAt(0));
    if (decimals > 0) {
      sb.append('.');
      for (int k = 1; k <= decimals; k++) {
        sb.append(k < digits.length() ? digits.charAt(k) : '0');
      }
    }
    int exp = digits.equals("0") ? 0 : dp - 1;
    sb.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      sb.append('0');
    }
    return sb.append(a).toString();
  }

  private static @Nullable String formatString(Spec spec, int verb, String s) {
    String t = s;
    if (spec.prec() >= 0 && (verb == 's' || verb == 'v' || verb == 'q')) {
      int end = t.offsetByCodePoints(0, Math.min(spec.prec(), t.codePointCount(0, t.length())));
      t = t.substring(0, end);
    }
    return switch (verb) {
      case 's', 'v' -> t;
      case 'q' -> GoQuote.quote(t);
      case 'x', 'X' -> {
        StringBuilder sb = new StringBuilder();
        for (byte b : t.getBytes(StandardCharsets.UTF_8)) {
          sb.append(String.format(verb == 'x' ? "%02x" : "%02X", b & 0xff));
        }
        yield sb.toString();
      }
      default -> null;
    };
  }

  /** Go's {@code fmt.Sprint}: a space between operands when neither is a string. */
  static String sprint(List<@Nullable Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
        sb.append(' ');
      }
      Values.appendValue(sb, a, 0);
    }
    return sb.toString();
  }

  /** Go's {@code fmt.Sprintln}: spaces between all operands, a newline at the end. */
  static String sprintln(List<@Nullable Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      Values.appendValue(sb, args.get(i), 0);
    }
    return sb.append('\n').toString();
  }
}
