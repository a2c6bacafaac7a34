package io.moraine.promql.parser;

/**
 * Numbers and durations as Prometheus reads them: Go's {@code strconv.ParseInt(s, 0, 64)} then
 * {@code ParseFloat}, and {@code model.ParseDuration}. Stateless; errors carry Go's wording.
 */
final class Literals {
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] UNIT_MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
  };
  private static final long NANOS_PER_MILLI = 1_000_000;

  private Literals() {}

  /**
   * A number literal's value: an integer (decimal, {@code 0x} hex, leading-{@code 0} octal) when it
   * fits in 64 bits, else a float.
   *
   * @throws IllegalArgumentException with Go's {@code strconv.ParseFloat} message
   */
  static double parseNumber(String s) {
    Long n = parseGoInt(s);
    if (n != null) {
      return (double) n;
    }
    return parseGoFloat(s);
  }

  /** Go's {@code ParseInt(s, 0, 64)} for unsigned text, or null where it fails. */
  private static @org.jspecify.annotations.Nullable Long parseGoInt(String s) {
    int radix = 10;
    int from = 0;
    if (s.length() > 1 && s.charAt(0) == '0') {
      if (s.charAt(1) == 'x' || s.charAt(1) == 'X') {
        radix = 16;
        from = 2;
      } else {
        radix = 8;
        from = 1;
      }
    }
    if (from >= s.length()) {
      return null;
    }
    long v = 0;
    for (int i = from; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), radix);
      if (d < 0 || s.charAt(i) > 'z') {
        return null;
      }
      if (v > (Long.MAX_VALUE - d) / radix) {
        return null;
      }
      v = v * radix + d;
    }
    return v;
  }

  /** Go's {@code ParseFloat(s, 64)} for the characters the lexer lets into a number. */
  private static double parseGoFloat(String s) {
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    switch (lower) {
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "nan" -> {
        return Double.NaN;
      }
      default -> {}
    }
    if (!isDecimalFloat(s)) {
      throw new IllegalArgumentException(
          "strconv.ParseFloat: parsing " + GoText.quote(s) + ": invalid syntax");
    }
    double v = Double.parseDouble(s);
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          "strconv.ParseFloat: parsing " + GoText.quote(s) + ": value out of range");
    }
    return v;
  }

  private static boolean isDecimalFloat(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Lexer.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Lexer.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && Lexer.isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * Prometheus's {@code model.ParseDuration}: {@code 1y2w3d4h5m6s7ms}, units in this order, each at
   * most once; {@code "0"} alone is allowed.
   *
   * @return milliseconds
   * @throws IllegalArgumentException {@code not a valid duration string: "x"}, {@code empty
   *     duration string} or {@code duration out of range}
   */
  static long parseDuration(String s) {
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    long totalMillis = 0;
    boolean overflow = false;
    int i = 0;
    int nextUnit = 0;
    while (i < s.length()) {
      int digitsStart = i;
      while (i < s.length() && Lexer.isDigit(s.charAt(i))) {
        i++;
      }
      int unit = i == digitsStart ? -1 : unitAt(s, i, nextUnit);
      if (unit < 0) {
        throw new IllegalArgumentException("not a valid duration string: " + GoText.quote(s));
      }
      long n = atoi(s, digitsStart, i);
      long limit = Long.MAX_VALUE / (UNIT_MILLIS[unit] * NANOS_PER_MILLI);
      if (n > limit) {
        overflow = true;
      } else {
        totalMillis += n * UNIT_MILLIS[unit];
        if (totalMillis > Long.MAX_VALUE / NANOS_PER_MILLI) {
          overflow = true; // Go's time.Duration (nanoseconds) would wrap
        }
      }
      i += UNITS[unit].length();
      nextUnit = unit + 1;
    }
    if (overflow) {
      throw new IllegalArgumentException("duration out of range");
    }
    return totalMillis;
  }

  /** The unit at {@code i} that may come at or after {@code from}, or -1. */
  private static int unitAt(String s, int i, int from) {
    for (int u = from; u < UNITS.length; u++) {
      String unit = UNITS[u];
      if (s.startsWith(unit, i)) {
        if (unit.equals("m") && s.startsWith("ms", i)) {
          continue;
        }
        return u;
      }
    }
    return -1;
  }

  private static long atoi(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        return Long.MAX_VALUE;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
