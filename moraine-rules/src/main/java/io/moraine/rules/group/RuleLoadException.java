package io.moraine.rules.group;

/**
 * Rule files that cannot be loaded (an expression that does not parse, a group twice in one file).
 * The manager keeps its previous rules. The message names the file first, as Prometheus's.
 */
public final class RuleLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public RuleLoadException(String message, Throwable cause) {
    super(message, cause);
  }

  public RuleLoadException(String message) {
    super(message);
  }
}
