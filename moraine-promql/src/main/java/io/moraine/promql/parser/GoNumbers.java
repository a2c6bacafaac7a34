package io.moraine.promql.parser;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Numbers read with Go's rules (test scripts, bucket bounds): an integer as {@code
 * strconv.ParseInt(s, 0, 64)} reads it (sign, {@code 0x}/{@code 0o}/{@code 0b} prefixes, a leading
 * {@code 0} meaning octal, {@code _} between digits), else a float as {@code strconv.ParseFloat(s,
 * 64)} reads it (decimal or hexadecimal with a {@code p} exponent, {@code Inf}, {@code Infinity},
 * {@code NaN} in any case). Values that overflow are not numbers.
 */
public final class GoNumbers {
  private static final Pattern DECIMAL =
      Pattern.compile("(?:[0-9_]+\\.?[0-9_]*|\\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?");
  private static final Pattern HEX =
      Pattern.compile(
          "0[xX](?:[0-9a-fA-F_]+\\.?[0-9a-fA-F_]*|\\.[0-9a-fA-F_]+)[pP][+-]?[0-9][0-9_]*");

  private GoNumbers() {}

  /** The value of {@code s}, or empty when Go would not read all of it as a number. */
  public static OptionalDouble parse(String s) {
    OptionalDouble i = parseInt(s);
    return i.isPresent() ? i : parseFloat(s);
  }

  private static OptionalDouble parseInt(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    if (body.isEmpty()) {
      return OptionalDouble.empty();
    }
    int base = 10;
    String digits = body;
    if (body.charAt(0) == '0') {
      char p = body.length() >= 3 ? Character.toLowerCase(body.charAt(1)) : ' ';
      base = p == 'b' ? 2 : p == 'o' ? 8 : p == 'x' ? 16 : 8;
      digits = body.substring(p == 'b' || p == 'o' || p == 'x' ? 2 : 1);
    }
    if (digits.indexOf('_') >= 0 && !underscoresOk(s)) {
      return OptionalDouble.empty();
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE; // accumulate negatively
    long n = 0;
    for (int k = 0; k < digits.length(); k++) {
      char c = digits.charAt(k);
      if (c == '_') {
        continue;
      }
      int d = c > 0x7f ? -1 : Character.digit(c, base);
      if (d < 0) {
        return OptionalDouble.empty();
      }
      try {
        n = Math.subtractExact(Math.multiplyExact(n, base), d);
      } catch (ArithmeticException e) {
        return OptionalDouble.empty(); // out of int64 range: Go then tries ParseFloat
      }
      if (n < limit) {
        return OptionalDouble.empty();
      }
    }
    return OptionalDouble.of(negative ? (double) n : (double) -n);
  }

  /**
   * The value of {@code s} as Go's {@code strconv.ParseFloat(s, 64)} reads it, or empty when it is
   * not a float or overflows.
   */
  public static OptionalDouble parseFloat(String s) {
    String body = s;
    boolean negative = false;
    if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
      negative = body.charAt(0) == '-';
      body = body.substring(1);
    }
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (lower.equals("nan")) {
      return s.length() == body.length() ? OptionalDouble.of(Double.NaN) : OptionalDouble.empty();
    }
    boolean hex = HEX.matcher(body).matches();
    if (!hex && !DECIMAL.matcher(body).matches()) {
      return OptionalDouble.empty();
    }
    if (body.indexOf('_') >= 0 && !underscoresOk(s)) {
      return OptionalDouble.empty();
    }
    double v = Double.parseDouble(body.replace("_", ""));
    if (Double.isInfinite(v)) {
      return OptionalDouble.empty(); // Go reports overflow as an error
    }
    return OptionalDouble.of(negative ? -v : v);
  }

  /** Go's rule: an underscore only between digits, or between a base prefix and a digit. */
  private static boolean underscoresOk(String s) {
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      i = 1;
    }
    char saw = '^';
    boolean hex = false;
    if (s.length() - i >= 2 && s.charAt(i) == '0' && "bBoOxX".indexOf(s.charAt(i + 1)) >= 0) {
      hex = Character.toLowerCase(s.charAt(i + 1)) == 'x';
      saw = '0';
      i += 2;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char l = Character.toLowerCase(c);
      if ((c >= '0' && c <= '9') || (hex && l >= 'a' && l <= 'f')) {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else if (saw == '_') {
        return false;
      } else {
        saw = '!';
      }
    }
    return saw != '_';
  }
}
