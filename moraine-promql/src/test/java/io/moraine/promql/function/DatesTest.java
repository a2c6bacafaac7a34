package io.moraine.promql.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatesTest {
  private static final double[] NO_ARGS = {};

  private record Fields(
      double year,
      double month,
      double dayOfMonth,
      double dayOfYear,
      double dayOfWeek,
      double daysInMonth,
      double hour,
      double minute) {}

  private static Fields fields(double seconds) {
    return new Fields(
        Dates.year(seconds, NO_ARGS),
        Dates.month(seconds, NO_ARGS),
        Dates.dayOfMonth(seconds, NO_ARGS),
        Dates.dayOfYear(seconds, NO_ARGS),
        Dates.dayOfWeek(seconds, NO_ARGS),
        Dates.daysInMonth(seconds, NO_ARGS),
        Dates.hour(seconds, NO_ARGS),
        Dates.minute(seconds, NO_ARGS));
  }

  @Test
  void knownInstants() {
    // 2006-01-02 22:04:05, a Monday
    assertThat(fields(1136239445)).isEqualTo(new Fields(2006, 1, 2, 2, 1, 31, 22, 4));
    // the epoch, a Thursday
    assertThat(fields(0)).isEqualTo(new Fields(1970, 1, 1, 1, 4, 31, 0, 0));
    // 2000-02-29, leap by the 400-year rule, a Tuesday
    assertThat(fields(951782400)).isEqualTo(new Fields(2000, 2, 29, 60, 2, 29, 0, 0));
    // 2100-03-01: 2100 is no leap year
    assertThat(fields(4107542400.0)).isEqualTo(new Fields(2100, 3, 1, 60, 1, 31, 0, 0));
    // 9999-12-31 23:59:59, a Friday
    assertThat(fields(253402300799.0)).isEqualTo(new Fields(9999, 12, 31, 365, 5, 31, 23, 59));
    // 2016-12-31 13:37:00, day 366
    assertThat(Dates.dayOfYear(1483191420, NO_ARGS)).isEqualTo(366.0);
    assertThat(Dates.daysInMonth(1454284800, NO_ARGS)).isEqualTo(29.0);
    assertThat(Dates.daysInMonth(1485907200, NO_ARGS)).isEqualTo(28.0);
  }

  @Test
  void negativeTimesAreBeforeTheEpoch() {
    // 1969-12-31 23:59:59, a Wednesday
    assertThat(fields(-1)).isEqualTo(new Fields(1969, 12, 31, 365, 3, 31, 23, 59));
  }

  @Test
  void fractionsTruncateTowardsZero() {
    assertThat(fields(-0.9)).isEqualTo(fields(0));
    assertThat(fields(59.99)).isEqualTo(fields(0));
    assertThat(Dates.minute(60.0, NO_ARGS)).isEqualTo(1.0);
    assertThat(Dates.goInt64(-1.5)).isEqualTo(-1);
  }

  @Test
  void nanAndHugeValuesAreGoMinInt64() {
    assertThat(Dates.goInt64(Double.NaN)).isEqualTo(Long.MIN_VALUE);
    assertThat(Dates.goInt64(Double.POSITIVE_INFINITY)).isEqualTo(Long.MIN_VALUE);
    assertThat(Dates.goInt64(0x1p63)).isEqualTo(Long.MIN_VALUE);
    assertThat(Dates.goInt64(-0x1p63)).isEqualTo(Long.MIN_VALUE);
    assertThat(Dates.goInt64(0x1p62)).isEqualTo(1L << 62);
    // Go prints time.Unix(math.MinInt64, 0).UTC() as 292277026596-12-04 15:30:08, a Sunday
    assertThat(fields(Double.NaN)).isEqualTo(new Fields(292277026596.0, 12, 4, 339, 0, 31, 15, 30));
  }

  @Test
  void agreesWithJavaTimeOverItsRange() {
    SplittableRandom random = new SplittableRandom(42);
    long limit = 31_000_000_000_000_000L; // about ±982 million years
    for (int i = 0; i < 20_000; i++) {
      long drawn =
          i % 2 == 0 ? random.nextLong(-limit, limit) : random.nextLong(-1L << 36, 1L << 36);
      long s = (long) (double) drawn; // the nearest second a double holds
      LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
      Fields expected =
          new Fields(
              t.getYear(),
              t.getMonthValue(),
              t.getDayOfMonth(),
              t.getDayOfYear(),
              t.getDayOfWeek().getValue() % 7,
              t.toLocalDate().lengthOfMonth(),
              t.getHour(),
              t.getMinute());
      assertThat(fields(s)).as("unix second %d", s).isEqualTo(expected);
    }
  }
}
