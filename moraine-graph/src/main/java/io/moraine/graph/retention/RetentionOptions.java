package io.moraine.graph.retention;

import java.time.Duration;
import java.util.Objects;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * What retention deletes and when.
 *
 * @param horizon data older than this is deleted (default 7 days)
 * @param graphPrefix the site's {@code {base}graph/}: state graphs are {@code graphPrefix + path},
 *     usage graphs {@code graphPrefix + "usage/" + path}
 * @param historyGraph the lifecycle history graph
 * @param eventTime the property giving a history event's {@code xsd:dateTime}
 * @param endTime the property giving an entity's end ({@code glc:endTime})
 * @param compactAfterQuads compact the store when a pass deleted at least this many quads
 * @param interval time between passes of the scheduled runner
 */
public record RetentionOptions(
    Duration horizon,
    String graphPrefix,
    Node historyGraph,
    Node eventTime,
    Node endTime,
    long compactAfterQuads,
    Duration interval) {

  /** The GLACIATION vocabulary's end time property. */
  public static final Node GLC_END_TIME =
      NodeFactory.createURI("https://glaciation-project.eu/MetadataReferenceModel#endTime");

  public RetentionOptions {
    Objects.requireNonNull(horizon, "horizon");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("retention horizon must be positive, got " + horizon);
    }
    if (!graphPrefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "retention graphPrefix must end with '/', got " + graphPrefix);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("retention interval must be positive, got " + interval);
    }
  }

  /**
   * Defaults for a site whose graphs live under {@code graphPrefix}: 7 days, history in {@code
   * graphPrefix + "history"}, {@code glc:endTime}, compaction after 10,000 deleted quads, a pass an
   * hour.
   */
  public static RetentionOptions defaults(String graphPrefix, Node eventTime) {
    return new RetentionOptions(
        Duration.ofDays(7),
        graphPrefix,
        NodeFactory.createURI(graphPrefix + "history"),
        eventTime,
        GLC_END_TIME,
        10_000,
        Duration.ofHours(1));
  }
}
