package io.moraine.rules.group;

import java.util.List;

/**
 * A rule group as {@code /api/v1/rules} shows it. Immutable.
 *
 * @param file the rule file the group came from
 * @param intervalMillis the evaluation interval
 * @param limit the limit on series or alerts per rule (0: none)
 * @param queryOffsetMillis how far back the group's queries look
 * @param lastEvaluationMillis wall-clock start of the last evaluation, 0 when never evaluated
 * @param evaluationTimeNanos how long the last evaluation took
 * @param rules the rules in file order
 */
public record GroupSnapshot(
    String name,
    String file,
    long intervalMillis,
    int limit,
    long queryOffsetMillis,
    long lastEvaluationMillis,
    long evaluationTimeNanos,
    List<RuleSnapshot> rules) {
  public GroupSnapshot {
    rules = List.copyOf(rules);
  }
}
