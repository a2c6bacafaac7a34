package io.moraine.logs.logql.engine;

/** A metric query returned more series than allowed (Loki's limit error, HTTP 400). */
public final class SeriesLimitException extends LogqlEvaluationException {
  private static final long serialVersionUID = 1L;

  /**
   * @param limit the limit that was passed
   */
  public SeriesLimitException(int limit) {
    super("maximum of series (" + limit + ") reached for a single query");
  }
}
