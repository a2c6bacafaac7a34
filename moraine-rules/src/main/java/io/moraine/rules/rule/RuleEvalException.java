package io.moraine.rules.rule;

/**
 * A rule evaluation that failed: the query failed, its result had the wrong type, the output had
 * duplicate label sets, or it passed the group's limit. The message is Prometheus's.
 */
public final class RuleEvalException extends Exception {
  private static final long serialVersionUID = 1L;

  public RuleEvalException(String message) {
    super(message);
  }

  public RuleEvalException(String message, Throwable cause) {
    super(message, cause);
  }
}
