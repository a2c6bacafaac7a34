package io.moraine.rules.template;

/**
 * Prometheus's template expansion for alerting rules' labels and annotations. Thread-safe.
 *
 * <p>PLACEHOLDER SIGNATURES: the implementation lands with the template engine.
 */
public final class GoTemplates {
  private GoTemplates() {}

  /**
   * Parses {@code text} as a rule template (with the {@code $labels}, {@code $value}, {@code
   * $externalLabels}, {@code $externalURL} variables defined) without executing it.
   *
   * @throws TemplateException naming the line and reason, like Go's parser
   */
  public static void check(String name, String text) throws TemplateException {
    // replaced by the template engine
  }

  /**
   * Expands {@code text} for one alert. Never throws: a template that fails expands, as in
   * Prometheus, to {@code <error expanding template: MESSAGE>}.
   */
  public static String expand(String name, String text, TemplateData data) {
    throw new UnsupportedOperationException("template engine not merged yet");
  }
}
