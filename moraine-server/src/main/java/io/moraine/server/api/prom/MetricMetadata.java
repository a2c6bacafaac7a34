package io.moraine.server.api.prom;

import java.util.Objects;

/**
 * What a target says about a metric, as {@code /api/v1/metadata} lists it.
 *
 * @param type {@code counter}, {@code gauge}, {@code histogram}, {@code summary}, {@code unknown}
 *     ...
 * @param help the HELP text, "" when none
 * @param unit the UNIT (OpenMetrics), "" when none
 */
public record MetricMetadata(String type, String help, String unit) {
  public MetricMetadata {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(unit, "unit");
  }
}
