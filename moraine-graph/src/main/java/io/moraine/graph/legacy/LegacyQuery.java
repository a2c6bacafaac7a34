package io.moraine.graph.legacy;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One configured measurement of the legacy profile, as the original exporter's query catalogue
 * described it. The PromQL must return an instant vector whose {@code resource} label names the
 * resource the value belongs to: a node name for node queries, {@code <namespace>.<pod>} for pod
 * queries (the original's contract, built with {@code label_replace}/{@code label_join}).
 *
 * @param measurementId the last part of the measurement IRI before the timestamp ({@code Usage},
 *     {@code Available}, {@code Energy.Usage})
 * @param subresource the node sub-resource the value hangs on ({@code CPU}, {@code RAM}, {@code
 *     Storage}, {@code Network}, {@code GPU}), or empty for the resource itself; for pods only a
 *     part of the IRI
 * @param source the measuring resource ({@code glc:<source>}), e.g. {@code cAdvisor}
 * @param unit the unit ({@code glc:<unit>}), e.g. {@code Core}
 * @param property the measurement property and description, e.g. {@code CPU.Usage}
 * @param promql an instant-vector expression with a {@code resource} label
 * @param aggregation when set, the value is written as a {@code glc:AggregatedMeasurement} over
 *     that period (metadata only: the PromQL window does the averaging)
 */
public record LegacyQuery(
    String measurementId,
    String subresource,
    String source,
    String unit,
    String property,
    String promql,
    @Nullable Aggregation aggregation) {

  private static final Pattern TERM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public LegacyQuery {
    requireTerm(measurementId, "measurementId");
    if (!subresource.isEmpty()) {
      requireTerm(subresource, "subresource");
    }
    requireTerm(source, "source");
    requireTerm(unit, "unit");
    requireTerm(property, "property");
    if (promql.isBlank()) {
      throw new IllegalArgumentException("legacy query " + property + ": promql is empty");
    }
  }

  /**
   * The aggregation a value stands for.
   *
   * @param periodSeconds the window length, positive
   * @param function the aggregate's name as written ({@code average})
   */
  public record Aggregation(long periodSeconds, String function) {
    public Aggregation {
      if (periodSeconds <= 0) {
        throw new IllegalArgumentException(
            "legacy query aggregation: periodSeconds must be positive, got " + periodSeconds);
      }
      Objects.requireNonNull(function, "function");
    }
  }

  private static void requireTerm(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!TERM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "legacy query: "
              + what
              + " must be letters, digits, '.', '_' or '-', got '"
              + value
              + "'");
    }
  }
}
