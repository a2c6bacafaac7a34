package io.moraine.kube.discovery;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * The self-metrics of Kubernetes discovery, Prometheus's {@code prometheus_sd_kubernetes_*} under
 * {@code moraine_}. One instance per registry, shared by every Kubernetes discoverer (registering
 * twice fails). Thread-safe.
 */
public final class KubernetesDiscoveryMetrics {
  /** Prometheus's roles (ingress too), each with add, delete and update, present from the start. */
  private static final String[] ROLES = {
    "endpointslice", "endpoints", "node", "pod", "service", "ingress"
  };

  private static final String[] EVENTS = {"add", "delete", "update"};

  private final Counter.Family events;
  private final Counter.Family failures;

  /** Registers the metrics in {@code registry}. */
  public KubernetesDiscoveryMetrics(MetricRegistry registry) {
    events =
        registry.counter(
            "moraine_sd_kubernetes_events_total",
            "The number of Kubernetes events handled.",
            "role",
            "event");
    for (String r : ROLES) {
      for (String e : EVENTS) {
        events.labels(r, e);
      }
    }
    failures =
        registry.counter(
            "moraine_sd_kubernetes_failures_total",
            "The number of failed Kubernetes list or watch requests, by object kind.",
            "kind");
  }

  /** The counter of {@code event} ({@code add}, {@code update}, {@code delete}) for a kind. */
  Counter event(String role, String event) {
    return events.labels(role, event);
  }

  Counter failure(String kind) {
    return failures.labels(kind);
  }
}
