package io.moraine.server.api.prom;

import io.moraine.core.labels.GoQuote;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;

/** Reading typed parameters with Prometheus 2.42's error messages. Stateless. */
final class ParamErrors {
  private ParamErrors() {}

  /** {@code bad_data}: {@code invalid parameter "name": reason}. */
  static ApiException invalidParam(String name, String reason) {
    return new ApiException(
        ErrorType.BAD_DATA, "invalid parameter " + GoQuote.quote(name) + ": " + reason);
  }

  /** A required timestamp ({@code query_range}'s start and end). */
  static long requiredTime(Params p, String name) {
    try {
      return PromTimes.parseTimeMillis(p.first(name));
    } catch (IllegalArgumentException e) {
      throw invalidParam(name, String.valueOf(e.getMessage()));
    }
  }

  /** An optional timestamp, {@code defaultMillis} when absent or empty. */
  static long optionalTime(Params p, String name, long defaultMillis) {
    String v = p.first(name);
    if (v.isEmpty()) {
      return defaultMillis;
    }
    try {
      return PromTimes.parseTimeMillis(v);
    } catch (IllegalArgumentException e) {
      throw invalidParam(
          name, "Invalid time value for '" + name + "': " + String.valueOf(e.getMessage()));
    }
  }

  /** A duration in ns, {@code defaultNanos} when absent or empty. */
  static long optionalDuration(Params p, String name, long defaultNanos) {
    String v = p.first(name);
    return v.isEmpty() ? defaultNanos : requiredDuration(p, name);
  }

  /** A required duration in ns; may be zero or negative. */
  static long requiredDuration(Params p, String name) {
    try {
      return PromTimes.parseDurationNanos(p.first(name));
    } catch (IllegalArgumentException e) {
      throw invalidParam(name, String.valueOf(e.getMessage()));
    }
  }
}
