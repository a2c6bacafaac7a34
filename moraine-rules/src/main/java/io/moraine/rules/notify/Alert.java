package io.moraine.rules.notify;

import io.moraine.core.labels.Labels;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as Prometheus sends it to Alertmanager (API v2 {@code postableAlert}).
 *
 * @param labels the alert's identity: the rule's output labels with {@code alertname}
 * @param annotations expanded annotations, sorted by name
 * @param startsAtMillis when the alert started firing (ms since the epoch)
 * @param endsAtMillis when it resolved, or the time it is valid until while firing
 * @param generatorUrl a link back to the expression (may be empty)
 */
public record Alert(
    Labels labels,
    Map<String, String> annotations,
    long startsAtMillis,
    long endsAtMillis,
    String generatorUrl) {
  public Alert {
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** Whether the alert has resolved as of {@code nowMillis} ({@code endsAt} in the past). */
  public boolean resolvedAt(long nowMillis) {
    return endsAtMillis > 0 && endsAtMillis <= nowMillis;
  }
}
