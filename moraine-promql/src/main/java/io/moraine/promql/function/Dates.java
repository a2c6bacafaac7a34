package io.moraine.promql.function;

/**
 * The date functions ({@code year}, {@code month}, {@code hour}, ...): calendar fields in UTC of a
 * sample value taken as unix seconds, proleptic Gregorian, without allocation.
 *
 * <p>As Prometheus 2.42 does ({@code time.Unix(int64(v), 0)} in Go on amd64), the value is
 * truncated towards zero, and NaN or a value outside the {@code long} range becomes {@link
 * Long#MIN_VALUE}. Go's calendar counts unsigned seconds from an absolute epoch in the year
 * −292277022399, so the handful of seconds before it wrap around to the far future; that is
 * reproduced too, which keeps e.g. {@code year(NaN)} equal to Prometheus's.
 */
final class Dates {
  private static final long SECONDS_PER_DAY = 86_400;

  /** Seconds from Go's absolute epoch (1 Jan −292277022399) to the unix epoch. */
  private static final long UNIX_TO_ABSOLUTE = 9_223_372_028_715_321_600L;

  private static final long UNIX_DAYS_FROM_ABSOLUTE = UNIX_TO_ABSOLUTE / SECONDS_PER_DAY;

  /** Days before the first of each month in a common year, January first. */
  private static final int[] DAYS_BEFORE_MONTH = {
    0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
  };

  private Dates() {}

  static double year(double v, double[] args) {
    return yearOf(civil(epochDay(v)));
  }

  static double month(double v, double[] args) {
    return monthOf(civil(epochDay(v)));
  }

  static double dayOfMonth(double v, double[] args) {
    return dayOf(civil(epochDay(v)));
  }

  /** Day of the year, 1 to 366. */
  static double dayOfYear(double v, double[] args) {
    long ymd = civil(epochDay(v));
    int month = monthOf(ymd);
    int leapDay = month > 2 && isLeap(yearOf(ymd)) ? 1 : 0;
    return DAYS_BEFORE_MONTH[month - 1] + leapDay + dayOf(ymd);
  }

  /** 0 for Sunday to 6 for Saturday. */
  static double dayOfWeek(double v, double[] args) {
    return Math.floorMod(epochDay(v) + 4, 7); // 1970-01-01 was a Thursday
  }

  static double daysInMonth(double v, double[] args) {
    long ymd = civil(epochDay(v));
    int month = monthOf(ymd);
    if (month == 2) {
      return isLeap(yearOf(ymd)) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  static double hour(double v, double[] args) {
    return secondOfDay(v) / 3600;
  }

  static double minute(double v, double[] args) {
    return secondOfDay(v) % 3600 / 60;
  }

  /** Go's {@code int64(v)} on amd64: truncation, NaN and out-of-range values to the minimum. */
  static long goInt64(double v) {
    if (v >= -0x1p63 && v < 0x1p63) {
      return (long) v;
    }
    return Long.MIN_VALUE;
  }

  /** Seconds since Go's absolute epoch, as an unsigned number. */
  private static long absoluteSeconds(double v) {
    return goInt64(v) + UNIX_TO_ABSOLUTE; // wraps exactly as Go's uint64 conversion does
  }

  private static long epochDay(double v) {
    return Long.divideUnsigned(absoluteSeconds(v), SECONDS_PER_DAY) - UNIX_DAYS_FROM_ABSOLUTE;
  }

  private static long secondOfDay(double v) {
    return Long.remainderUnsigned(absoluteSeconds(v), SECONDS_PER_DAY);
  }

  /**
   * The civil date of a day count from 1970-01-01, packed as {@code year << 9 | month << 5 | day}.
   * Counts in 400-year eras of 146097 days, with years starting on 1 March so that the leap day
   * comes last.
   */
  private static long civil(long epochDay) {
    long shifted = epochDay + 719_468; // days from 0000-03-01
    long era = Math.floorDiv(shifted, 146_097);
    long dayOfEra = shifted - era * 146_097; // [0, 146096]
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfMarchYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long marchMonth = (5 * dayOfMarchYear + 2) / 153; // 0 = March ... 11 = February
    long day = dayOfMarchYear - (153 * marchMonth + 2) / 5 + 1;
    long month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return year << 9 | month << 5 | day;
  }

  private static long yearOf(long ymd) {
    return ymd >> 9;
  }

  private static int monthOf(long ymd) {
    return (int) (ymd >> 5 & 0xF);
  }

  private static int dayOf(long ymd) {
    return (int) (ymd & 0x1F);
  }

  private static boolean isLeap(long year) {
    return Math.floorMod(year, 4) == 0
        && (Math.floorMod(year, 100) != 0 || Math.floorMod(year, 400) == 0);
  }
}
