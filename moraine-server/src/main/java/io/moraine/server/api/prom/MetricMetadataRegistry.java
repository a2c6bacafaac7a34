package io.moraine.server.api.prom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The metric metadata the server has seen (type, help, unit per metric name), which {@code
 * /api/v1/metadata} answers. Ingestion fills it; it starts empty, and then the endpoint answers
 * {@code {}}, as Prometheus does without targets. Thread-safe; a metric keeps every distinct
 * metadata it was given, as Prometheus keeps one per target.
 */
public final class MetricMetadataRegistry {
  private final ConcurrentSkipListMap<String, Set<MetricMetadata>> byMetric =
      new ConcurrentSkipListMap<>();

  /** Records that {@code metric} was described as {@code metadata}; idempotent. */
  public void put(String metric, MetricMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    byMetric.computeIfAbsent(metric, m -> ConcurrentHashMap.newKeySet()).add(metadata);
  }

  /**
   * A snapshot in metric name order.
   *
   * @param metric only this metric when not empty
   * @param limit the most metrics to return; negative for all
   */
  Map<String, List<MetricMetadata>> snapshot(String metric, int limit) {
    Map<String, List<MetricMetadata>> out = new LinkedHashMap<>();
    for (var e : byMetric.entrySet()) {
      if (limit >= 0 && out.size() >= limit) {
        break;
      }
      if (metric.isEmpty() || metric.equals(e.getKey())) {
        out.put(e.getKey(), List.copyOf(e.getValue()));
      }
    }
    return out;
  }
}
