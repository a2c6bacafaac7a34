package io.moraine.graph.legacy;

import java.util.Objects;

/**
 * One value of a {@link LegacyQuery} for one resource at one time.
 *
 * @param scope whether {@code resource} names a node or a pod
 * @param resource the node name, or {@code <namespace>.<pod>} for a pod
 * @param timestampMillis the evaluation time, ms since the epoch (it ends the measurement's IRI)
 * @param value the value in the query's unit (finite)
 */
public record LegacyMeasurement(
    Scope scope, LegacyQuery query, String resource, long timestampMillis, double value) {

  /** What a measurement is about. */
  public enum Scope {
    NODE,
    POD
  }

  public LegacyMeasurement {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(resource, "resource");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "legacy measurement "
              + query.property()
              + " of "
              + resource
              + " is not finite: "
              + value);
    }
  }
}
