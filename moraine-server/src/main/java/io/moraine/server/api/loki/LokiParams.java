package io.moraine.server.api.loki;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import io.moraine.core.labels.GoQuote;
import io.moraine.core.logs.Direction;
import io.moraine.core.time.Durations;
import io.moraine.server.api.prom.Params;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A request's parameters as Loki 2.9's {@code loghttp} reads them ({@code r.Form}: a form-encoded
 * body's values first, then the URL's), with its parsers for times, durations, limits and
 * directions and their messages. Times are nanoseconds since the epoch. Immutable.
 */
final class LokiParams {
  /** Loki's {@code defaultQueryLimit}. */
  static final int DEFAULT_LIMIT = 100;

  /** Loki's {@code defaultSince}: a range without {@code start} reaches one hour back. */
  static final long DEFAULT_SINCE_NANOS = 3_600_000_000_000L;

  private static final long SECOND_NANOS = 1_000_000_000L;

  /** The decimal forms of Go's {@code strconv.ParseFloat} (a time with a dot is float seconds). */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private final Params form;

  private LokiParams(Params form) {
    this.form = form;
  }

  static LokiParams of(AggregatedHttpRequest req, @Nullable String rawQuery) {
    return new LokiParams(Params.of(req, rawQuery));
  }

  /** The parameters of a URL query alone (a WebSocket upgrade has no body). */
  static LokiParams ofQuery(@Nullable String rawQuery) {
    return new LokiParams(Params.ofQuery(rawQuery));
  }

  /** The first value of {@code name}, or "" when absent (Go's {@code Form.Get}). */
  String get(String name) {
    return form.first(name);
  }

  /** Every value of {@code name}; empty when absent. */
  List<String> all(String name) {
    return form.all(name);
  }

  /** {@code limit}: default 100, must be positive. */
  int limit() {
    int l = parseInt(get("limit"), DEFAULT_LIMIT);
    if (l <= 0) {
      throw new IllegalArgumentException("limit must be a positive value");
    }
    return l;
  }

  /** {@code direction}: {@code forward} or {@code backward} in any case; default backward. */
  Direction direction() {
    String v = get("direction");
    if (v.isEmpty()) {
      return Direction.BACKWARD;
    }
    return switch (v.toUpperCase(Locale.ROOT)) {
      case "FORWARD" -> Direction.FORWARD;
      case "BACKWARD" -> Direction.BACKWARD;
      default -> throw new IllegalArgumentException("invalid direction '" + v + "'");
    };
  }

  /**
   * {@code start} and {@code end} as Loki's {@code bounds}: end defaults to now; start to {@code
   * since} (default 1h) before the earlier of end and now.
   *
   * @return {@code [startNanos, endNanos]}
   */
  long[] bounds(long nowNanos) {
    long since = DEFAULT_SINCE_NANOS;
    String sinceText = get("since");
    if (!sinceText.isEmpty()) {
      try {
        since = Math.multiplyExact(Durations.parseMillis(sinceText), 1_000_000L);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "could not parse 'since' parameter: " + e.getMessage(), e);
      }
    }
    long end = wrapped("end", nowNanos);
    long endOrNow = Math.min(end, nowNanos);
    long start = wrapped("start", endOrNow - since);
    return new long[] {start, end};
  }

  private long wrapped(String name, long def) {
    try {
      return timestampNanos(get(name), def);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "could not parse '" + name + "' parameter: " + e.getMessage(), e);
    }
  }

  /**
   * A time as Loki's {@code parseTimestamp} reads it: float seconds (when it has a dot; rounded to
   * milliseconds), an integer (seconds when at most 10 characters, else nanoseconds), or RFC 3339
   * with optional fractional seconds; {@code def} when empty.
   */
  static long timestampNanos(String value, long def) {
    if (value.isEmpty()) {
      return def;
    }
    if (value.indexOf('.') >= 0 && DECIMAL.matcher(value).matches()) {
      double t = Double.parseDouble(value);
      double whole = t < 0 ? Math.ceil(t) : Math.floor(t);
      double frac = Math.round((t - whole) * 1000) / 1000.0;
      return (long) whole * SECOND_NANOS + (long) (frac * SECOND_NANOS);
    }
    if (value.matches("[+-]?[0-9]+")) {
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "strconv.ParseInt: parsing " + GoQuote.quote(value) + ": value out of range", e);
      }
      return value.length() <= 10 ? Math.multiplyExact(n, SECOND_NANOS) : n;
    }
    try {
      var t = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), SECOND_NANOS), t.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "strconv.ParseInt: parsing " + GoQuote.quote(value) + ": invalid syntax", e);
    }
  }

  /** An integer parameter as Go's {@code strconv.Atoi}; {@code def} when empty. */
  static int parseInt(String value, int def) {
    if (value.isEmpty()) {
      return def;
    }
    if (!value.matches("[+-]?[0-9]+")) {
      throw new IllegalArgumentException(
          "strconv.Atoi: parsing " + GoQuote.quote(value) + ": invalid syntax");
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "strconv.Atoi: parsing " + GoQuote.quote(value) + ": value out of range", e);
    }
  }
}
