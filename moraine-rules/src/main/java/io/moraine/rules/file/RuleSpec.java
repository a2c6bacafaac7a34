package io.moraine.rules.file;

import java.util.Map;

/** One rule of a group as written: a recording rule or an alerting rule. */
public sealed interface RuleSpec permits RecordingRuleSpec, AlertingRuleSpec {
  /** The PromQL expression as written. */
  String expr();

  /** Labels to add or overwrite, in file order (values may hold templates for alerting rules). */
  Map<String, String> labels();

  /** Where the rule starts. */
  Position position();

  /** Where the {@code expr} value starts, for parse-error positions. */
  Position exprPosition();

  /** The rule's name: the recorded metric name, or the alert name. */
  String name();
}
