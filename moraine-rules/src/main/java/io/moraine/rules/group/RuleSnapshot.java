package io.moraine.rules.group;

import io.moraine.rules.rule.AlertSnapshot;
import io.moraine.rules.rule.AlertingRule;
import io.moraine.rules.rule.RecordingRule;
import io.moraine.rules.rule.Rule;
import io.moraine.rules.rule.RuleHealth;
import io.moraine.rules.rule.RuleStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rule as {@code /api/v1/rules} shows it. Immutable.
 *
 * @param alerting true for an alerting rule, false for a recording rule
 * @param name the record or alert name
 * @param query the expression as Prometheus prints it
 * @param labels the rule's labels as written
 * @param annotations the annotations as written (empty for recording rules)
 * @param lastError the last evaluation's error, null when none
 * @param lastEvaluationMillis wall-clock start of the last evaluation, 0 when never evaluated
 * @param evaluationTimeNanos how long the last evaluation took
 * @param forMillis {@code for} (0 for recording rules)
 * @param keepFiringForMillis {@code keep_firing_for} (0 for recording rules)
 * @param state {@code firing}, {@code pending} or {@code inactive}; empty for recording rules
 * @param alerts the active alerts (empty for recording rules)
 */
public record RuleSnapshot(
    boolean alerting,
    String name,
    String query,
    Map<String, String> labels,
    Map<String, String> annotations,
    RuleHealth health,
    @Nullable String lastError,
    long lastEvaluationMillis,
    long evaluationTimeNanos,
    long forMillis,
    long keepFiringForMillis,
    String state,
    List<AlertSnapshot> alerts) {
  public RuleSnapshot {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    alerts = List.copyOf(alerts);
  }

  static RuleSnapshot of(Rule rule) {
    RuleStatus s = rule.status();
    return switch (rule) {
      case RecordingRule r ->
          new RuleSnapshot(
              false,
              r.name(),
              r.query(),
              r.labels(),
              Map.of(),
              s.health(),
              s.lastError(),
              s.lastEvaluationMillis(),
              s.evaluationTimeNanos(),
              0,
              0,
              "",
              List.of());
      case AlertingRule a ->
          new RuleSnapshot(
              true,
              a.name(),
              a.query(),
              a.labels(),
              a.annotations(),
              s.health(),
              s.lastError(),
              s.lastEvaluationMillis(),
              s.evaluationTimeNanos(),
              a.forMillis(),
              a.keepFiringForMillis(),
              a.stateName(),
              a.activeAlerts());
    };
  }
}
