package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;

/**
 * A sample carrying an {@code __error__} label reached a metric result (Loki's {@code
 * PipelineError}, answered with HTTP 400).
 */
public final class PipelineErrorException extends LogqlEvaluationException {
  private static final long serialVersionUID = 1L;

  /**
   * @param series the labels of the failing series, {@code __error__} included
   */
  public PipelineErrorException(Labels series) {
    super(message(series));
  }

  private static String message(Labels series) {
    String type = series.getOrEmpty("__error__");
    return "pipeline error: '"
        + type
        + "' for series: '"
        + series
        + "'.\n"
        + "Use a label filter to intentionally skip this error. (e.g | __error__!=\""
        + type
        + "\").\n"
        + "To skip all potential errors you can match empty errors.(e.g __error__=\"\")\n"
        + "The label filter can also be specified after unwrap. (e.g | unwrap latency |"
        + " __error__=\"\" )\n";
  }
}
