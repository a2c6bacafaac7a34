package io.moraine.logs.logql.engine;

/**
 * A query that parsed but could not be evaluated. Subclasses name the reason; the message is Loki's
 * wording.
 */
public class LogqlEvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the error as Loki words it
   */
  public LogqlEvaluationException(String message) {
    super(message);
  }
}
