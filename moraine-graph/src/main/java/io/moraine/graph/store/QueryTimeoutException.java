package io.moraine.graph.store;

/**
 * A SPARQL query or update ran past its timeout and was cancelled (HTTP 503 in Prometheus' API).
 */
public final class QueryTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueryTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
