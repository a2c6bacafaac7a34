package io.moraine.logs.logql.units;

import io.moraine.core.labels.GoQuote;

/** Go's {@code time.ParseDuration}. Stateless and thread-safe. */
public final class GoDuration {
  private GoDuration() {}

  /**
   * Parses a Go duration ({@code 1h30m}, {@code 500ms}, {@code -1.5s}, {@code 0}) into nanoseconds,
   * as Go does: integer arithmetic, the fraction of each unit truncated. Units: ns, us, µs, μs, ms,
   * s, m, h.
   *
   * @throws UnitParseException with Go's message ({@code time: invalid duration "x"}, {@code time:
   *     missing unit in duration "1"}, {@code time: unknown unit "d" in duration "1d"}); an
   *     overflow is an invalid duration
   */
  public static long parseNanos(String orig) {
    String s = orig;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '.' && !isDigit(c)) {
        throw invalid(orig);
      }
      int start = i;
      long v = 0;
      while (i < s.length() && isDigit(s.charAt(i))) {
        int digit = s.charAt(i) - '0';
        if (v > (Long.MAX_VALUE - digit) / 10) {
          throw invalid(orig);
        }
        v = v * 10 + digit;
        i++;
      }
      boolean pre = i > start;
      double frac = 0;
      double scale = 1;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          if (scale < 1e18) {
            frac = frac * 10 + (s.charAt(i) - '0');
            scale *= 10;
          }
          i++;
        }
        post = i > fracStart;
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new UnitParseException("time: missing unit in duration " + GoQuote.quote(orig));
      }
      String unitName = s.substring(unitStart, i);
      long unit = unitNanos(unitName);
      if (unit == 0) {
        throw new UnitParseException(
            "time: unknown unit "
                + GoQuote.quote(unitName)
                + " in duration "
                + GoQuote.quote(orig));
      }
      if (v > Long.MAX_VALUE / unit) {
        throw invalid(orig);
      }
      v *= unit;
      if (frac > 0) {
        v += (long) (frac * ((double) unit / scale));
      }
      total += v;
      if (v < 0 || total < 0) {
        throw invalid(orig);
      }
    }
    return neg ? -total : total;
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
