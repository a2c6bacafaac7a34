package io.moraine.logs.logql.template;

/**
 * A template that does not parse, or an execution that failed (a function's error, a type
 * mismatch). The message follows Go's {@code text/template} where it is practical.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TemplateException(String message) {
    super(message);
  }
}
