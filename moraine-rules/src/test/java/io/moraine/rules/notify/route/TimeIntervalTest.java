package io.moraine.rules.notify.route;

import static io.moraine.rules.notify.route.TimeIntervalText.daysOfMonth;
import static io.moraine.rules.notify.route.TimeIntervalText.location;
import static io.moraine.rules.notify.route.TimeIntervalText.months;
import static io.moraine.rules.notify.route.TimeIntervalText.times;
import static io.moraine.rules.notify.route.TimeIntervalText.weekdays;
import static io.moraine.rules.notify.route.TimeIntervalText.years;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.rules.notify.route.TimeInterval.Range;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeIntervalTest {
  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void timesAreEndExclusiveAndReadInTheLocation() {
    TimeInterval evening =
        TimeInterval.ALWAYS
            .withTimes(List.of(times("17:00", "24:00")))
            .withLocation(location("Europe/Berlin"));
    assertThat(evening.matches(at("2024-03-04T15:59:59Z"))).isFalse(); // 16:59 in Berlin
    assertThat(evening.matches(at("2024-03-04T16:00:00Z"))).isTrue();
    assertThat(evening.matches(at("2024-03-04T22:59:59Z"))).isTrue(); // 23:59
    assertThat(evening.matches(at("2024-03-04T23:00:00Z"))).isFalse(); // 00:00 next day
    // the same interval in UTC
    assertThat(evening.withLocation(ZoneOffset.UTC).matches(at("2024-03-04T16:30:00Z"))).isFalse();
    assertThat(evening.withLocation(ZoneOffset.UTC).matches(at("2024-03-04T23:59:00Z"))).isTrue();
  }

  @Test
  void severalTimeRangesMatchWhenAnyDoes() {
    TimeInterval t =
        TimeInterval.ALWAYS.withTimes(List.of(times("00:00", "06:00"), times("22:00", "24:00")));
    assertThat(t.matches(at("2024-03-04T05:59:00Z"))).isTrue();
    assertThat(t.matches(at("2024-03-04T06:00:00Z"))).isFalse();
    assertThat(t.matches(at("2024-03-04T22:00:00Z"))).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    // spec, instant, expected; 2024-03-04 is a Monday
    "monday:friday, 2024-03-08T12:00:00Z, true",
    "monday:friday, 2024-03-09T12:00:00Z, false",
    "Saturday, 2024-03-09T00:00:00Z, true",
    "sunday, 2024-03-10T23:59:59Z, true",
    "sunday, 2024-03-11T00:00:00Z, false",
  })
  void weekdayTable(String spec, String instant, boolean expected) {
    assertThat(TimeInterval.ALWAYS.withWeekdays(List.of(weekdays(spec))).matches(at(instant)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    // 2024 is a leap year: February has 29 days
    "-3:-1, 2024-02-26T12:00:00Z, false",
    "-3:-1, 2024-02-27T12:00:00Z, true",
    "-3:-1, 2024-02-29T12:00:00Z, true",
    "-3:-1, 2024-03-28T12:00:00Z, false",
    "-3:-1, 2024-03-29T12:00:00Z, true",
    "-1, 2023-02-28T12:00:00Z, true",
    "1:7, 2024-03-07T23:00:00Z, true",
    "1:7, 2024-03-08T00:00:00Z, false",
    // a range starting after the month's end never matches; one ending after it is clamped
    "30:31, 2024-02-29T12:00:00Z, false",
    "28:31, 2024-02-29T12:00:00Z, true",
    "1:-1, 2024-04-30T12:00:00Z, true",
  })
  void dayOfMonthTable(String spec, String instant, boolean expected) {
    assertThat(TimeInterval.ALWAYS.withDaysOfMonth(List.of(daysOfMonth(spec))).matches(at(instant)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "may, 2024-05-31T23:59:59Z, true",
    "may, 2024-06-01T00:00:00Z, false",
    "1:3, 2024-02-10T00:00:00Z, true",
    "january:march, 2024-04-01T00:00:00Z, false",
    "November, 2024-11-01T00:00:00Z, true",
  })
  void monthTable(String spec, String instant, boolean expected) {
    assertThat(TimeInterval.ALWAYS.withMonths(List.of(months(spec))).matches(at(instant)))
        .isEqualTo(expected);
  }

  @Test
  void yearsAndZoneShiftTheDate() {
    TimeInterval y = TimeInterval.ALWAYS.withYears(List.of(years("2024:2025")));
    assertThat(y.matches(at("2023-12-31T23:59:59Z"))).isFalse();
    assertThat(y.matches(at("2024-01-01T00:00:00Z"))).isTrue();
    // 23:30 UTC on New Year's Eve is already 2024 in Tokyo
    assertThat(y.withLocation(ZoneId.of("Asia/Tokyo")).matches(at("2023-12-31T23:30:00Z")))
        .isTrue();
  }

  @Test
  void everyGivenFieldMustMatch() {
    TimeInterval business =
        TimeInterval.ALWAYS
            .withTimes(List.of(times("09:00", "17:00")))
            .withWeekdays(List.of(weekdays("monday:friday")));
    assertThat(business.matches(at("2024-03-04T10:00:00Z"))).isTrue();
    assertThat(business.matches(at("2024-03-04T18:00:00Z"))).isFalse(); // right day, wrong time
    assertThat(business.matches(at("2024-03-09T10:00:00Z"))).isFalse(); // right time, Saturday
    assertThat(TimeInterval.ALWAYS.matches(at("1999-01-01T00:00:00Z"))).isTrue();
    assertThat(
            TimeInterval.anyMatches(
                List.of(business, TimeInterval.ALWAYS.withWeekdays(List.of(new Range(6, 6)))),
                at("2024-03-09T10:00:00Z")))
        .isTrue();
    assertThat(TimeInterval.anyMatches(List.of(), at("2024-03-09T10:00:00Z"))).isFalse();
  }

  @Test
  void parsesAlertmanagersForms() {
    assertThat(times("00:00", "24:00")).isEqualTo(new TimeInterval.TimeRange(0, 1440));
    assertThat(weekdays("MONDAY:friday")).isEqualTo(new Range(1, 5));
    assertThat(daysOfMonth("-3:-1")).isEqualTo(new Range(-3, -1));
    assertThat(months("February:4")).isEqualTo(new Range(2, 4));
    assertThat(location("UTC")).isEqualTo(ZoneOffset.UTC);
    assertThatThrownBy(() -> times("", "10:00"))
        .hasMessage("both start and end times must be provided");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "times     | 23:60         | couldn't parse timestamp 23:60, invalid format",
        "times     | 9:00          | couldn't parse timestamp 9:00, invalid format",
        "times     | 24:01         | couldn't parse timestamp 24:01, invalid format",
        "times     | 22:00-06:00   | start time cannot be equal or greater than end time",
        "times     | 10:00-10:00   | start time cannot be equal or greater than end time",
        "weekdays  | funday        | funday is not a valid weekday",
        "weekdays  | saturday:sunday | start day cannot be before end day",
        "weekdays  | mon:tue:wed   | couldn't parse range mon:tue:wed, invalid format",
        "days      | 0             | 0 is not a valid day of the month: out of range",
        "days      | 1:32          | 32 is not a valid day of the month: out of range",
        "days      | -1:3          | end day must be negative if start day is negative",
        "days      | 5:3           | end day 3 is always before start day 5",
        "days      | x             | strconv.Atoi: parsing \"x\": invalid syntax",
        "months    | jan           | jan is not a valid month",
        "months    | december:january | end month january is before start month december",
        "years     | 2025:2024     | end year 2024 is before start year 2025",
        "location  | Mars/Olympus  | unknown time zone Mars/Olympus",
      })
  void rejectsWithAlertmanagersMessages(String field, String text, String message) {
    assertThatThrownBy(
            () -> {
              switch (field) {
                case "times" -> {
                  String[] se = text.contains("-") ? text.split("-") : new String[] {text, "24:00"};
                  times(se[0], se[1]);
                }
                case "weekdays" -> weekdays(text);
                case "days" -> daysOfMonth(text);
                case "months" -> months(text);
                case "years" -> years(text);
                default -> location(text);
              }
            })
        .isInstanceOf(InvalidRouteException.class)
        .hasMessage(message);
  }
}
