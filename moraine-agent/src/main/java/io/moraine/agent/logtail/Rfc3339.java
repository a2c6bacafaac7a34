package io.moraine.agent.logtail;

/**
 * Parses RFC 3339 times as the container runtimes write them ({@code
 * 2024-05-01T12:00:00.123456789Z}, or with a {@code +02:00} offset; 0 to 9 fraction digits) into
 * nanoseconds since the epoch, without allocating. Stateless.
 */
final class Rfc3339 {
  /** Returned for text that is not an RFC 3339 time. */
  static final long INVALID = Long.MIN_VALUE;

  private Rfc3339() {}

  /** The time in {@code b[from, to)} in ns since the epoch, or {@link #INVALID}. */
  static long parseNanos(byte[] b, int from, int to) {
    if (to - from < 20
        || b[from + 4] != '-'
        || b[from + 7] != '-'
        || (b[from + 10] != 'T' && b[from + 10] != 't' && b[from + 10] != ' ')
        || b[from + 13] != ':'
        || b[from + 16] != ':') {
      return INVALID;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    int second = digits(b, from + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 60) {
      return INVALID;
    }
    int i = from + 19;
    long nanos = 0;
    if (i < to && b[i] == '.') {
      i++;
      int n = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        if (n < 9) {
          nanos = nanos * 10 + (b[i] - '0');
        }
        n++;
        i++;
      }
      if (n == 0) {
        return INVALID;
      }
      for (; n < 9; n++) {
        nanos *= 10;
      }
    }
    long offsetSeconds = offsetSeconds(b, i, to);
    if (offsetSeconds == INVALID) {
      return INVALID;
    }
    long days = daysFromCivil(year, month, day);
    long secs = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return secs * 1_000_000_000L + nanos;
  }

  private static long offsetSeconds(byte[] b, int i, int to) {
    if (i == to - 1 && (b[i] == 'Z' || b[i] == 'z')) {
      return 0;
    }
    if (i == to - 6 && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
      int h = digits(b, i + 1, 2);
      int m = digits(b, i + 4, 2);
      if ((h | m) < 0) {
        return INVALID;
      }
      long s = h * 3600L + m * 60L;
      return b[i] == '-' ? -s : s;
    }
    return INVALID;
  }

  private static int digits(byte[] b, int at, int n) {
    int v = 0;
    for (int k = 0; k < n; k++) {
      int d = b[at + k] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
