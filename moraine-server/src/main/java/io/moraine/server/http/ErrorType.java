package io.moraine.server.http;

/**
 * The {@code errorType} values of Prometheus' HTTP API error bodies, with the status each maps to
 * (Prometheus {@code web/api/v1/api.go}).
 */
public enum ErrorType {
  /** The request is malformed or names impossible values. */
  BAD_DATA("bad_data", 400),
  /** The request is well-formed but cannot be executed (e.g. a query exceeds a limit). */
  EXECUTION("execution", 422),
  /** The request took longer than its deadline. */
  TIMEOUT("timeout", 503),
  /** The client went away or the query was cancelled (503, as Prometheus 2.42 answers it). */
  CANCELED("canceled", 503),
  /** The resource named by the request does not exist. */
  NOT_FOUND("not_found", 404),
  /** A conditional request's precondition ({@code If-Match}) does not hold. */
  PRECONDITION_FAILED("precondition_failed", 412),
  /** The request body is larger than the endpoint takes. */
  TOO_LARGE("too_large", 413),
  /** No representation the client accepts ({@code Accept}) can be produced. */
  NOT_ACCEPTABLE("not_acceptable", 406),
  /** The request body's {@code Content-Type} is not one the endpoint reads. */
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
  /** The server cannot answer now (starting up, shutting down). */
  UNAVAILABLE("unavailable", 503),
  /** A fault of the server. */
  INTERNAL("internal", 500);

  private final String wireName;
  private final int status;

  ErrorType(String wireName, int status) {
    this.wireName = wireName;
    this.status = status;
  }

  /** The name in the JSON body, e.g. {@code bad_data}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }
}
