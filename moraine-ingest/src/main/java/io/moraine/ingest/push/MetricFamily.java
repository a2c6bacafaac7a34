package io.moraine.ingest.push;

import java.util.List;
import java.util.Objects;

/**
 * One pushed metric family: its name, type, help and flat samples (a histogram's {@code _bucket},
 * {@code _sum} and {@code _count} series belong to the family named without the suffix, as in the
 * text format). Immutable.
 */
public record MetricFamily(String name, FamilyType type, String help, List<PushedSample> samples) {
  public MetricFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    samples = List.copyOf(samples);
  }
}
