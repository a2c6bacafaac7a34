package io.moraine.server.api.graph;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;

/** The metadata service's request counters. Thread-safe. */
final class GraphMetrics {
  private final Counter.Family requests;
  private final Counter.Family rejected;

  GraphMetrics(MetricRegistry registry) {
    requests =
        registry.counter(
            "moraine_graph_requests_total",
            "Requests to the metadata service, by endpoint.",
            "endpoint");
    rejected =
        registry.counter(
            "moraine_graph_writes_rejected_total",
            "Graph writes refused, by reason (syntax, shacl, precondition).",
            "reason");
  }

  Counter requests(String endpoint) {
    return requests.labels(endpoint);
  }

  void rejected(String reason) {
    rejected.labels(reason).inc();
  }
}
