package io.moraine.graph.sites;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A resource's usage over a window: the average and the maximum of its telemetry over exactly the
 * window, in {@code unit}; each null when there was no data (or its query failed).
 *
 * @param promql the average's query (provenance), or null when the entity has no such metric
 */
public record Usage(
    @Nullable Double avg, @Nullable Double max, Unit unit, @Nullable String promql) {
  public Usage {
    Objects.requireNonNull(unit, "unit");
    if (avg != null && !Double.isFinite(avg)) {
      avg = null;
    }
    if (max != null && !Double.isFinite(max)) {
      max = null;
    }
  }

  static Usage unknown(Unit unit) {
    return new Usage(null, null, unit, null);
  }
}
