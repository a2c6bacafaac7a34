package io.moraine.logs.logql.engine;

/** A binary operation whose vector matching is ambiguous (many-to-many, or not explicit). */
public final class VectorMatchingException extends LogqlEvaluationException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message Loki's wording
   */
  public VectorMatchingException(String message) {
    super(message);
  }
}
