package io.moraine.rules.file;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alerting rule: {@code alert}, {@code expr}, {@code for}, {@code keep_firing_for}, {@code
 * labels}, {@code annotations}. Label and annotation values are Go templates.
 */
public record AlertingRuleSpec(
    String alert,
    String expr,
    Duration forDuration,
    Duration keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations,
    Position position,
    Position exprPosition)
    implements RuleSpec {
  public AlertingRuleSpec {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  @Override
  public String name() {
    return alert;
  }
}
