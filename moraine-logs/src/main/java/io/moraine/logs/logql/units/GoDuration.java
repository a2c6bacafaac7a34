package io.moraine.logs.logql.units;

/** Go's {@code time.ParseDuration}. Stateless and thread-safe. */
public final class GoDuration {
  private GoDuration() {}

  /**
   * Parses a Go duration ({@code 1h30m}, {@code 500ms}, {@code -1.5s}, {@code 0}) into nanoseconds.
   * Units: ns, us, µs, μs, ms, s, m, h.
   *
   * @throws UnitParseException with Go's message ({@code time: invalid duration "x"}, {@code time:
   *     missing unit in duration "1"}, {@code time: unknown unit "d" in duration "1d"})
   */
  public static long parseNanos(String s) {
    String orig = s;
    int i = 0;
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    if (s.substring(i).equals("0")) {
      return 0;
    }
    if (i == s.length()) {
      throw invalid(orig);
    }
    double total = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean pre = i > start;
      double value = pre ? Double.parseDouble(s.substring(start, i)) : 0;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fs = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        post = i > fs;
        if (post) {
          value += Double.parseDouble("0." + s.substring(fs, i));
        }
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int us = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (us == i) {
        throw new UnitParseException("time: missing unit in duration " + GoQuote.quote(orig));
      }
      String unit = s.substring(us, i);
      long scale = unitNanos(unit);
      if (scale == 0) {
        throw new UnitParseException(
            "time: unknown unit " + GoQuote.quote(unit) + " in duration " + GoQuote.quote(orig));
      }
      total += value * scale;
      if (total > Long.MAX_VALUE) {
        throw invalid(orig);
      }
    }
    long nanos = Math.round(total);
    return neg ? -nanos : nanos;
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 0L;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static UnitParseException invalid(String s) {
    return new UnitParseException("time: invalid duration " + GoQuote.quote(s));
  }
}
