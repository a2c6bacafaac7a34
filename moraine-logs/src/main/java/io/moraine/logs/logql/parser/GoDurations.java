package io.moraine.logs.logql.parser;

import io.moraine.core.labels.GoQuote;
import io.moraine.logs.logql.units.GoDuration;

/**
 * Durations as Loki reads and writes them: Prometheus's {@code model.ParseDuration} ({@code 1h30m},
 * units y w d h m s ms, biggest first), Go's {@code time.ParseDuration} ({@link GoDuration}: {@code
 * 1.5h}, {@code -5m}) and Go's {@code String()} form. All values are nanoseconds.
 */
final class GoDurations {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final long M = 60 * S;
  private static final long H = 60 * M;
  private static final long D = 24 * H;

  private GoDurations() {}

  /**
   * Prometheus's duration syntax, as in a range {@code [5m]}.
   *
   * @throws IllegalArgumentException with Prometheus's message when {@code s} is not one
   */
  static long parsePrometheus(String s) {
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    String invalid = "not a valid duration string: " + GoQuote.quote(s);
    long total = 0;
    int lastPos = 0;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start || i - start > 19) {
        throw new IllegalArgumentException(invalid);
      }
      long v;
      try {
        v = Long.parseLong(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(invalid, e);
      }
      int unitStart = i;
      while (i < s.length() && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException(invalid);
      }
      String unit = s.substring(unitStart, i);
      int pos = prometheusUnitPosition(unit);
      if (pos < 0) {
        throw new IllegalArgumentException(
            "unknown unit " + GoQuote.quote(unit) + " in duration " + GoQuote.quote(s));
      }
      if (pos <= lastPos) {
        throw new IllegalArgumentException(invalid);
      }
      lastPos = pos;
      long mult = PROMETHEUS_MULTIPLIERS[pos];
      if (v > Long.MAX_VALUE / mult) {
        throw new IllegalArgumentException("duration out of range");
      }
      total += v * mult;
      if (total < 0) {
        throw new IllegalArgumentException("duration out of range");
      }
    }
    return total;
  }

  private static final long[] PROMETHEUS_MULTIPLIERS = {0, 365 * D, 7 * D, D, H, M, S, MS};

  private static int prometheusUnitPosition(String unit) {
    return switch (unit) {
      case "y" -> 1;
      case "w" -> 2;
      case "d" -> 3;
      case "h" -> 4;
      case "m" -> 5;
      case "s" -> 6;
      case "ms" -> 7;
      default -> -1;
    };
  }

  /**
   * Loki's lexer duration: Prometheus's syntax first, else Go's.
   *
   * @throws IllegalArgumentException when neither reads {@code s}
   */
  static long parseLoki(String s) {
    try {
      return parsePrometheus(s);
    } catch (IllegalArgumentException e) {
      return GoDuration.parseNanos(s);
    }
  }

  /** Go's {@code time.Duration.String()}: {@code 1h0m0s}, {@code 1.5s}, {@code 250ms}. */
  static String formatGo(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos); // Long.MIN_VALUE stays negative; treated as unsigned below
    if (u > 0 && u < S) {
      if (u < 1_000) {
        return sign + u + "ns";
      }
      long scale = u < MS ? 1_000 : MS;
      int prec = u < MS ? 3 : 6;
      String unit = u < MS ? "\u00b5s" : "ms";
      return sign + (u / scale) + fraction(u % scale, prec) + unit;
    }
    long secs = Long.divideUnsigned(u, S);
    String out = (secs % 60) + fraction(Long.remainderUnsigned(u, S), 9) + "s";
    long mins = secs / 60;
    if (mins > 0) {
      out = (mins % 60) + "m" + out;
      long hours = mins / 60;
      if (hours > 0) {
        out = hours + "h" + out;
      }
    }
    return sign + out;
  }

  private static String fraction(long value, int digits) {
    if (value == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Long.toString(value));
    while (sb.length() < digits) {
      sb.insert(0, '0');
    }
    int end = sb.length();
    while (sb.charAt(end - 1) == '0') {
      end--;
    }
    return "." + sb.substring(0, end);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
