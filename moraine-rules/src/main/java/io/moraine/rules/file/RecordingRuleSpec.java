package io.moraine.rules.file;

import java.util.LinkedHashMap;
import java.util.Map;

/** A recording rule: {@code record}, {@code expr}, {@code labels}. */
public record RecordingRuleSpec(
    String record,
    String expr,
    Map<String, String> labels,
    Position position,
    Position exprPosition)
    implements RuleSpec {
  public RecordingRuleSpec {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  @Override
  public String name() {
    return record;
  }
}
