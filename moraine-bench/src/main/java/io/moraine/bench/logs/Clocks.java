package io.moraine.bench.logs;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes one timestamp in the formats containers log in. The civil fields are computed once per
 * second of log time (the corpus is generated in time order), the rest is digits. Not thread-safe.
 */
final class Clocks {
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private long second = Long.MIN_VALUE;
  private int year;
  private int month;
  private int day;
  private int hour;
  private int minute;
  private int sec;

  private void at(long nanos) {
    long s = Math.floorDiv(nanos, 1_000_000_000L);
    if (s != second) {
      second = s;
      LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
      year = t.getYear();
      month = t.getMonthValue();
      day = t.getDayOfMonth();
      hour = t.getHour();
      minute = t.getMinute();
      sec = t.getSecond();
    }
  }

  private static long fraction(long nanos) {
    return Math.floorMod(nanos, 1_000_000_000L);
  }

  /** RFC 3339 with {@code digits} fractional digits (3, 6 or 9) and Z: 2024-05-01T12:00:00.123Z. */
  void rfc3339(LineBuffer out, long nanos, int digits) {
    at(nanos);
    date(out, '-').ch('T');
    time(out).ch('.');
    out.padded(fraction(nanos) / pow10(9 - digits), digits).ch('Z');
  }

  /** Logback's default: 2024-05-01 12:00:00.123. */
  void logback(LineBuffer out, long nanos) {
    at(nanos);
    date(out, '-').ch(' ');
    time(out).ch('.').padded(fraction(nanos) / 1_000_000, 3);
  }

  /** nginx's $time_local in UTC: 01/May/2024:12:00:00 +0000. */
  void nginx(LineBuffer out, long nanos) {
    at(nanos);
    out.padded(day, 2).ch('/').ascii(MONTHS[month - 1]).ch('/').padded(year, 4).ch(':');
    time(out).ascii(" +0000");
  }

  private LineBuffer date(LineBuffer out, char sep) {
    return out.padded(year, 4).ch(sep).padded(month, 2).ch(sep).padded(day, 2);
  }

  private LineBuffer time(LineBuffer out) {
    return out.padded(hour, 2).ch(':').padded(minute, 2).ch(':').padded(sec, 2);
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }
}
