package io.moraine.logs.logql.template;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code 2006-01-02T15:04:05Z07:00}) translated to {@link
 * DateTimeFormatter}s, for {@code date}, {@code toDate} and {@code toDateInZone}.
 */
final class GoTimeLayout {
  /** Go's layout elements, longest first so that prefixes do not shadow them. */
  private static final String[][] ELEMENTS = {
    {"January", "MMMM"},
    {"Monday", "EEEE"},
    {"Z07:00", "XXX"},
    {"-07:00", "xxx"},
    {"Z0700", "XX"},
    {"-0700", "xx"},
    {"2006", "uuuu"},
    {"Jan", "MMM"},
    {"Mon", "EEE"},
    {"MST", "zzz"},
    {"002", "DDD"},
    {"_2", "ppd"},
    {"01", "MM"},
    {"02", "dd"},
    {"03", "hh"},
    {"04", "mm"},
    {"05", "ss"},
    {"06", "uu"},
    {"15", "HH"},
    {"-07", "x"},
    {"PM", "a"},
    {"1", "M"},
    {"2", "d"},
    {"3", "h"},
    {"4", "m"},
    {"5", "s"},
  };

  private GoTimeLayout() {}

  static DateTimeFormatter formatter(String layout) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    outer:
    while (i < layout.length()) {
      if (layout.charAt(i) == '.' || layout.charAt(i) == ',') {
        int j = i + 1;
        char z = j < layout.length() ? layout.charAt(j) : ' ';
        while (j < layout.length() && layout.charAt(j) == z && (z == '0' || z == '9')) {
          j++;
        }
        if (j - i > 1 && (j >= layout.length() || !Character.isDigit(layout.charAt(j)))) {
          flush(b, literal);
          int n = j - i - 1;
          b.appendFraction(ChronoField.NANO_OF_SECOND, z == '0' ? n : 0, n, true);
          i = j;
          continue;
        }
      }
      for (String[] e : ELEMENTS) {
        if (layout.startsWith(e[0], i)) {
          flush(b, literal);
          b.appendPattern(e[1]);
          i += e[0].length();
          continue outer;
        }
      }
      literal.append(layout.charAt(i++));
    }
    flush(b, literal);
    return b.toFormatter(Locale.ENGLISH);
  }

  private static void flush(DateTimeFormatterBuilder b, StringBuilder literal) {
    if (!literal.isEmpty()) {
      b.appendLiteral(literal.toString());
      literal.setLength(0);
    }
  }

  static String format(String layout, Instant t, ZoneId zone) {
    return formatter(layout).format(t.atZone(zone));
  }

  /** Parses {@code value}; fields missing from the layout default as Go's do (year 0 → 1). */
  static Instant parse(String layout, String value, ZoneId zone) {
    TemporalAccessor ta;
    try {
      ta = formatter(layout).parse(value);
    } catch (DateTimeParseException e) {
      throw new TemplateException(
          "parsing time \"" + value + "\" as \"" + layout + "\": cannot parse");
    }
    int year = ta.isSupported(ChronoField.YEAR) ? ta.get(ChronoField.YEAR) : 1;
    int month = ta.isSupported(ChronoField.MONTH_OF_YEAR) ? ta.get(ChronoField.MONTH_OF_YEAR) : 1;
    int day = ta.isSupported(ChronoField.DAY_OF_MONTH) ? ta.get(ChronoField.DAY_OF_MONTH) : 1;
    LocalTime time =
        LocalTime.of(
            get(ta, ChronoField.HOUR_OF_DAY),
            get(ta, ChronoField.MINUTE_OF_HOUR),
            get(ta, ChronoField.SECOND_OF_MINUTE),
            get(ta, ChronoField.NANO_OF_SECOND));
    LocalDateTime ldt = LocalDateTime.of(LocalDate.of(year, month, day), time);
    if (ta.isSupported(ChronoField.OFFSET_SECONDS)) {
      return ldt.toInstant(ZoneOffset.ofTotalSeconds(ta.get(ChronoField.OFFSET_SECONDS)));
    }
    return ldt.atZone(zone).toInstant();
  }

  private static int get(TemporalAccessor ta, ChronoField f) {
    return ta.isSupported(f) ? ta.get(f) : 0;
  }
}
