package io.moraine.ingest.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoded push body: its metric families by name, with the body's own labels (the grouping key is
 * applied by the registry), and whether any sample carried a timestamp (which the registry refuses
 * as Pushgateway does). Immutable.
 */
public record PushBody(Map<String, MetricFamily> families, boolean hasTimestamps) {
  public PushBody {
    families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
  }

  /** The media type (and parameters) the Go client sends by default. */
  public static final String PROTOBUF_DELIMITED =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
          + " encoding=delimited";

  /**
   * Decodes a body: protobuf-delimited {@code MetricFamily} messages when {@code contentType} is
   * {@code application/vnd.google.protobuf} with {@code proto=io.prometheus.client.MetricFamily}
   * and {@code encoding=delimited} (as Pushgateway decides), the text format 0.0.4 otherwise.
   *
   * @throws PushRejectedException naming what is malformed
   */
  public static PushBody decode(byte[] body, String contentType) {
    return ProtoBody.accepts(contentType) ? ProtoBody.decode(body) : TextBody.decode(body);
  }
}
