package io.moraine.rules.notify.route;

import io.moraine.rules.notify.route.TimeInterval.Range;
import io.moraine.rules.notify.route.TimeInterval.TimeRange;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Alertmanager 0.25's text forms of a time interval's fields, with its error messages: times {@code
 * "HH:MM"} (24:00 allowed), weekdays ({@code monday}, {@code monday:friday}), days of the month
 * ({@code 1:15}, {@code -3:-1}), months ({@code may}, {@code 1:3}), years ({@code 2024:2026}) and
 * IANA zones. Names are case-insensitive. Stateless.
 */
public final class TimeIntervalText {
  private static final Pattern TIME = Pattern.compile("(([01][0-9])|(2[0-3])):[0-5][0-9]|24:00");
  private static final List<String> WEEKDAYS =
      List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
  private static final List<String> MONTHS =
      List.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");

  private TimeIntervalText() {}

  /**
   * A time range from {@code start_time} and {@code end_time}.
   *
   * @throws InvalidRouteException with Alertmanager's message
   */
  public static TimeRange times(String start, String end) {
    if (start.isEmpty() || end.isEmpty()) {
      throw new InvalidRouteException("both start and end times must be provided");
    }
    int s = minutes(start);
    int e = minutes(end);
    if (s >= e) {
      throw new InvalidRouteException("start time cannot be equal or greater than end time");
    }
    return new TimeRange(s, e);
  }

  private static int minutes(String hhmm) {
    if (!TIME.matcher(hhmm).matches()) {
      throw new InvalidRouteException("couldn't parse timestamp " + hhmm + ", invalid format");
    }
    return Integer.parseInt(hhmm, 0, 2, 10) * 60 + Integer.parseInt(hhmm, 3, 5, 10);
  }

  /** A weekday or weekday range; 0 = Sunday. */
  public static Range weekdays(String text) {
    Range r =
        range(
            text,
            s -> {
              int i = WEEKDAYS.indexOf(s);
              if (i < 0) {
                throw new InvalidRouteException(s + " is not a valid weekday");
              }
              return i;
            });
    if (r.begin() > r.end()) {
      throw new InvalidRouteException("start day cannot be before end day");
    }
    return r;
  }

  /** A day of the month or a range of them; negative days count from the month's end. */
  public static Range daysOfMonth(String text) {
    Range r = range(text, TimeIntervalText::atoi);
    checkDay(r.begin());
    checkDay(r.end());
    if (r.begin() < 0 && r.end() > 0) {
      throw new InvalidRouteException("end day must be negative if start day is negative");
    }
    int b = r.begin() < 0 ? 28 + r.begin() : r.begin();
    int e = r.end() < 0 ? 28 + r.end() : r.end();
    if (b > e) {
      throw new InvalidRouteException(
          "end day " + r.end() + " is always before start day " + r.begin());
    }
    return r;
  }

  private static void checkDay(int d) {
    if (d == 0 || d < -31 || d > 31) {
      throw new InvalidRouteException(d + " is not a valid day of the month: out of range");
    }
  }

  /** A month (name or number, 1 = January) or a range of them. */
  public static Range months(String text) {
    Range r =
        range(
            text,
            s -> {
              int i = MONTHS.indexOf(s);
              if (i >= 0) {
                return i + 1;
              }
              try {
                return Integer.parseInt(s);
              } catch (NumberFormatException e) {
                throw new InvalidRouteException(s + " is not a valid month", e);
              }
            });
    if (r.begin() > r.end()) {
      throw new InvalidRouteException(
          "end month " + monthName(r.end()) + " is before start month " + monthName(r.begin()));
    }
    return r;
  }

  private static String monthName(int m) {
    return m >= 1 && m <= 12 ? MONTHS.get(m - 1) : "";
  }

  /** A year or a range of years. */
  public static Range years(String text) {
    Range r = range(text, TimeIntervalText::atoi);
    if (r.begin() > r.end()) {
      throw new InvalidRouteException("end year " + r.end() + " is before start year " + r.begin());
    }
    return r;
  }

  /** An IANA zone name; "" and "UTC" are UTC, "Local" the system's zone. */
  public static ZoneId location(String name) {
    if (name.isEmpty() || name.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    if (name.equals("Local")) {
      return ZoneId.systemDefault();
    }
    if (!ZoneId.getAvailableZoneIds().contains(name)) {
      throw new InvalidRouteException("unknown time zone " + name);
    }
    return ZoneId.of(name);
  }

  private interface Member {
    int parse(String s);
  }

  private static Range range(String text, Member member) {
    String in = text.toLowerCase(Locale.ROOT);
    int colon = in.indexOf(':');
    if (colon < 0) {
      int v = member.parse(in);
      return new Range(v, v);
    }
    if (in.indexOf(':', colon + 1) >= 0) {
      throw new InvalidRouteException("couldn't parse range " + in + ", invalid format");
    }
    return new Range(member.parse(in.substring(0, colon)), member.parse(in.substring(colon + 1)));
  }

  /** Go's strconv.Atoi, with its message. */
  private static int atoi(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new InvalidRouteException("strconv.Atoi: parsing \"" + s + "\": invalid syntax", e);
    }
  }
}
