package io.moraine.rules.rule;

import org.jspecify.annotations.Nullable;

/**
 * What the last evaluation of a rule left behind. Immutable.
 *
 * @param lastError the error of the last evaluation, null when it succeeded or never ran
 * @param lastEvaluationMillis wall-clock start of the last evaluation (ms since the epoch), 0 when
 *     never evaluated
 * @param evaluationTimeNanos how long the last evaluation took
 */
public record RuleStatus(
    RuleHealth health,
    @Nullable String lastError,
    long lastEvaluationMillis,
    long evaluationTimeNanos) {
  /** The status of a rule that has not been evaluated. */
  public static final RuleStatus NEVER = new RuleStatus(RuleHealth.UNKNOWN, null, 0, 0);
}
