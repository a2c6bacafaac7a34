package io.moraine.rules.notify.route;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One of Alertmanager's time intervals: a set of instants given by times of day, weekdays, days of
 * the month, months and years, read in a time zone. It contains an instant when every field that is
 * given (non-empty) has a range containing it; a field left empty matches anything. Immutable.
 *
 * @param times ranges of minutes of the day, end exclusive
 * @param weekdays inclusive ranges of weekdays, 0 = Sunday .. 6 = Saturday
 * @param daysOfMonth inclusive ranges of days of the month, 1..31 or negative counting from the
 *     month's end (-1 = its last day)
 * @param months inclusive ranges of months, 1 = January
 * @param years inclusive ranges of years
 * @param location the zone the fields are read in (Alertmanager's default: UTC)
 */
public record TimeInterval(
    List<TimeRange> times,
    List<Range> weekdays,
    List<Range> daysOfMonth,
    List<Range> months,
    List<Range> years,
    ZoneId location) {
  /** An interval with no fields: contains every instant. */
  public static final TimeInterval ALWAYS =
      new TimeInterval(List.of(), List.of(), List.of(), List.of(), List.of(), ZoneOffset.UTC);

  public TimeInterval {
    times = List.copyOf(times);
    weekdays = List.copyOf(weekdays);
    daysOfMonth = List.copyOf(daysOfMonth);
    months = List.copyOf(months);
    years = List.copyOf(years);
    Objects.requireNonNull(location, "location");
  }

  /**
   * A range of minutes of the day, {@code [startMinute, endMinute)}.
   *
   * @param startMinute 0..1439
   * @param endMinute startMinute+1..1440
   */
  public record TimeRange(int startMinute, int endMinute) {
    public TimeRange {
      if (startMinute < 0 || endMinute > 24 * 60 || startMinute >= endMinute) {
        throw new IllegalArgumentException(
            "start time cannot be equal or greater than end time: "
                + startMinute
                + ".."
                + endMinute);
      }
    }
  }

  /** An inclusive range of integers (weekdays, days of the month, months or years). */
  public record Range(int begin, int end) {}

  public TimeInterval withTimes(List<TimeRange> t) {
    return new TimeInterval(t, weekdays, daysOfMonth, months, years, location);
  }

  public TimeInterval withWeekdays(List<Range> w) {
    return new TimeInterval(times, w, daysOfMonth, months, years, location);
  }

  public TimeInterval withDaysOfMonth(List<Range> d) {
    return new TimeInterval(times, weekdays, d, months, years, location);
  }

  public TimeInterval withMonths(List<Range> m) {
    return new TimeInterval(times, weekdays, daysOfMonth, m, years, location);
  }

  public TimeInterval withYears(List<Range> y) {
    return new TimeInterval(times, weekdays, daysOfMonth, months, y, location);
  }

  public TimeInterval withLocation(ZoneId z) {
    return new TimeInterval(times, weekdays, daysOfMonth, months, years, z);
  }

  /** Whether {@code t}, read in {@link #location}, falls in every given field. */
  public boolean matches(Instant t) {
    ZonedDateTime z = t.atZone(location);
    int minute = z.getHour() * 60 + z.getMinute();
    if (!times.isEmpty()
        && times.stream().noneMatch(r -> r.startMinute <= minute && minute < r.endMinute)) {
      return false;
    }
    if (!daysOfMonth.isEmpty() && !inDaysOfMonth(z)) {
      return false;
    }
    return within(months, z.getMonthValue())
        && within(weekdays, z.getDayOfWeek().getValue() % 7)
        && within(years, z.getYear());
  }

  private static boolean within(List<Range> ranges, int v) {
    if (ranges.isEmpty()) {
      return true;
    }
    for (Range r : ranges) {
      if (r.begin <= v && v <= r.end) {
        return true;
      }
    }
    return false;
  }

  /** Negative days count from the month's end; ranges are clamped to the month, as AM does. */
  private boolean inDaysOfMonth(ZonedDateTime z) {
    int days = z.toLocalDate().lengthOfMonth();
    int day = z.getDayOfMonth();
    for (Range r : daysOfMonth) {
      int begin = r.begin < 0 ? days + r.begin + 1 : r.begin;
      int end = r.end < 0 ? days + r.end + 1 : r.end;
      if (begin > days) {
        continue;
      }
      begin = Math.clamp(begin, -days, days);
      end = Math.clamp(end, -days, days);
      if (begin <= day && day <= end) {
        return true;
      }
    }
    return false;
  }

  /** Whether any of {@code intervals} contains {@code t} (a named time interval's rule). */
  public static boolean anyMatches(List<TimeInterval> intervals, Instant t) {
    for (TimeInterval i : intervals) {
      if (i.matches(t)) {
        return true;
      }
    }
    return false;
  }
}
