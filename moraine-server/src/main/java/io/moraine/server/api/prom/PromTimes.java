package io.moraine.server.api.prom;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.time.Durations;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Timestamps and durations as Prometheus 2.42's HTTP API reads them: a timestamp is unix seconds as
 * a float (rounded to the millisecond) or RFC 3339 text; a duration is float seconds or a
 * Prometheus duration ({@code 1h30m}). The messages are Prometheus's. Stateless.
 */
public final class PromTimes {
  /** The earliest time the API accepts and its default {@code start} (ms). */
  public static final long MIN_TIME_MILLIS = -9_223_309_901_257_974_000L;

  /** The latest time the API accepts and its default {@code end} (ms). */
  public static final long MAX_TIME_MILLIS = 9_223_309_901_257_974_999L;

  /** How Prometheus prints {@link #MIN_TIME_MILLIS}; clients send it back as a sentinel. */
  static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";

  /** How Prometheus prints {@link #MAX_TIME_MILLIS}. */
  static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";

  /** Go's {@code strconv.ParseFloat} syntax for finite decimal and hexadecimal numbers. */
  private static final Pattern GO_FLOAT =
      Pattern.compile(
          "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
              + "|0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+)");

  /** The infinities and NaN that {@code strconv.ParseFloat} accepts too. */
  private static final Pattern GO_SPECIAL = Pattern.compile("(?i)[+-]?(?:inf|infinity)|nan");

  private static final Pattern RFC3339 =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "(Z|([+-])(\\d{2}):(\\d{2}))");

  private PromTimes() {}

  /**
   * Parses a timestamp to ms since the epoch.
   *
   * @throws IllegalArgumentException {@code cannot parse "s" to a valid timestamp}
   */
  public static long parseTimeMillis(String s) {
    if (GO_FLOAT.matcher(s).matches()) {
      // NaN, ±Inf and times beyond ±292 million years would overflow; Prometheus turns them into
      // arbitrary times, Moraine refuses them.
      double t = Double.parseDouble(s);
      if (Double.isFinite(t) && Math.abs(t) < 9.2e15) {
        return secondsToMillis(t);
      }
    } else {
      Long rfc = parseRfc3339(s);
      if (rfc != null) {
        return rfc;
      }
      if (s.equals(MIN_TIME_TEXT)) {
        return MIN_TIME_MILLIS;
      }
      if (s.equals(MAX_TIME_TEXT)) {
        return MAX_TIME_MILLIS;
      }
    }
    throw new IllegalArgumentException(
        "cannot parse " + GoQuote.quote(s) + " to a valid timestamp");
  }

  /**
   * Parses a duration to nanoseconds; may be zero or negative (callers check).
   *
   * @throws IllegalArgumentException {@code cannot parse "s" to a valid duration}
   */
  public static long parseDurationNanos(String s) {
    double seconds = goFloat(s);
    if (!Double.isNaN(seconds) || GO_SPECIAL.matcher(s).matches()) {
      double nanos = seconds * 1e9;
      if (nanos > 0x1p63 || nanos < -0x1p63) {
        throw new IllegalArgumentException(
            "cannot parse " + GoQuote.quote(s) + " to a valid duration. It overflows int64");
      }
      // Go converts NaN to the smallest int64 on amd64; Java would give 0. Both are "not positive".
      return Double.isNaN(nanos) ? Long.MIN_VALUE : (long) nanos;
    }
    try {
      return Math.multiplyExact(Durations.parseMillis(s), 1_000_000L);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "cannot parse " + GoQuote.quote(s) + " to a valid duration", e);
    }
  }

  /**
   * The value of {@code s} when {@code strconv.ParseFloat} accepts it without error (±Inf for its
   * infinity words, NaN for "nan"), or NaN when it does not; out-of-range numbers are errors, as in
   * Go.
   */
  private static double goFloat(String s) {
    if (GO_FLOAT.matcher(s).matches()) {
      double v = Double.parseDouble(s);
      return Double.isInfinite(v) ? Double.NaN : v;
    }
    if (GO_SPECIAL.matcher(s).matches()) {
      String l = s.toLowerCase(java.util.Locale.ROOT);
      return l.equals("nan")
          ? Double.NaN
          : l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.NaN;
  }

  /**
   * Float seconds to ms exactly as Prometheus does it: the fraction is rounded to 3 decimals in
   * float arithmetic, scaled to nanoseconds and truncated, then the time is cut to the ms.
   */
  private static long secondsToMillis(double t) {
    double whole = t < 0 ? Math.ceil(t) : Math.floor(t);
    double fraction = roundHalfAwayFromZero((t - whole) * 1000) / 1000;
    long sec = (long) whole;
    long nanos = (long) (fraction * 1e9);
    sec += Math.floorDiv(nanos, 1_000_000_000L);
    nanos = Math.floorMod(nanos, 1_000_000_000L);
    return sec * 1000 + nanos / 1_000_000;
  }

  private static double roundHalfAwayFromZero(double x) {
    double a = Math.abs(x);
    double f = Math.floor(a);
    return Math.copySign(a - f >= 0.5 ? f + 1 : f, x);
  }

  private static @Nullable Long parseRfc3339(String s) {
    var m = RFC3339.matcher(s);
    if (!m.matches()) {
      return null;
    }
    try {
      String frac = m.group(7) == null ? "" : m.group(7);
      int nanos = frac.isEmpty() ? 0 : Integer.parseInt((frac + "00000000").substring(0, 9));
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              nanos);
      ZoneOffset offset = ZoneOffset.UTC;
      if (m.group(9) != null) {
        int hours = Integer.parseInt(m.group(10));
        int minutes = Integer.parseInt(m.group(11));
        if (hours > 23 || minutes > 59) {
          return null;
        }
        int sign = m.group(9).equals("-") ? -1 : 1;
        offset = ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
      }
      return local.toInstant(offset).toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Go's zero {@code time.Time} as JSON, what Prometheus writes for "never". */
  public static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  /**
   * Formats ms as the API's timestamps, unix seconds with up to 3 decimals ({@code 1.5} is {@code
   * 1.500}, as Prometheus writes sample times).
   */
  public static String formatMillis(long ms) {
    StringBuilder sb = new StringBuilder(24);
    appendMillis(sb, ms);
    return sb.toString();
  }

  static void appendMillis(StringBuilder sb, long ms) {
    if (ms == Long.MIN_VALUE) {
      sb.append("-9223372036854775.808");
      return;
    }
    long t = ms;
    if (t < 0) {
      sb.append('-');
      t = -t;
    }
    sb.append(t / 1000);
    long fraction = t % 1000;
    if (fraction != 0) {
      sb.append('.');
      if (fraction < 100) {
        sb.append('0');
      }
      if (fraction < 10) {
        sb.append('0');
      }
      sb.append(fraction);
    }
  }
}
