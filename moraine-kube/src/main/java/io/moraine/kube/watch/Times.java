package io.moraine.kube.watch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** RFC 3339 times as Kubernetes writes them ({@code Time} and {@code MicroTime}). */
final class Times {
  private Times() {}

  /**
   * The instant of {@code rfc3339}, or null when it is null or empty.
   *
   * @throws IllegalArgumentException naming {@code field} when the text is not RFC 3339
   */
  static @Nullable Instant parse(@Nullable String rfc3339, String field) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(rfc3339).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid RFC 3339 time in " + field + ": '" + rfc3339 + "'", e);
    }
  }

  /** The later of two instants, either of which may be null. */
  static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  /** The earlier of two instants, either of which may be null. */
  static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }
}
