package io.moraine.rules.template;

/**
 * A template that does not parse or fails while executing. The message reads like Go's ({@code
 * template: NAME:LINE: ...}).
 */
public final class TemplateException extends Exception {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
