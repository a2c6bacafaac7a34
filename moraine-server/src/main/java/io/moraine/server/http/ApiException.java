package io.moraine.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Objects;

/**
 * A request that an API handler refuses, with the Prometheus error type to answer with. Handlers
 * throw it (or an {@link IllegalArgumentException} for bad input); the server's one error mapper
 * turns it into the JSON error body. Cheap: no stack trace is filled in.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;

  public ApiException(ErrorType type, String message) {
    super(message, null, false, false);
    this.type = Objects.requireNonNull(type, "type");
  }

  public ErrorType type() {
    return type;
  }

  /**
   * Writes fields of the JSON error body beyond {@code status}, {@code errorType} and {@code error}
   * (e.g. a list of violations); none by default.
   */
  public void writeDetails(JsonGenerator g) throws IOException {}
}
