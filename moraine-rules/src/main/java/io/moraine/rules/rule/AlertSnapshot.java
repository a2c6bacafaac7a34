package io.moraine.rules.rule;

import io.moraine.core.labels.Labels;
import io.moraine.rules.notify.AlertState;
import java.util.Map;
import java.util.TreeMap;

/**
 * An active alert as {@code /api/v1/alerts} and {@code /api/v1/rules} show it. Immutable.
 *
 * @param labels the alert's identity ({@code alertname} included)
 * @param annotations expanded annotations, sorted by name
 * @param state {@link AlertState#PENDING} or {@link AlertState#FIRING}
 * @param activeAtMillis when the alert became pending (ms since the epoch)
 * @param value the expression's value at the last evaluation that returned the alert
 * @param keepFiringSinceMillis when its series went away while {@code keep_firing_for} holds it
 *     firing; 0 when it is not being kept
 */
public record AlertSnapshot(
    Labels labels,
    Map<String, String> annotations,
    AlertState state,
    long activeAtMillis,
    double value,
    long keepFiringSinceMillis) {
  public AlertSnapshot {
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
