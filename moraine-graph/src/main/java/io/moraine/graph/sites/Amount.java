package io.moraine.graph.sites;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One amount of a resource in its unit; {@code value} is null when unknown or not set (never 0 for
 * unknown, never NaN).
 */
public record Amount(@Nullable Double value, Unit unit) {
  public Amount {
    Objects.requireNonNull(unit, "unit");
    if (value != null && !Double.isFinite(value)) {
      value = null;
    }
  }

  static Amount unknown(Unit unit) {
    return new Amount(null, unit);
  }
}
