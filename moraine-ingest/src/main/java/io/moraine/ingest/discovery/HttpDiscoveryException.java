package io.moraine.ingest.discovery;

/** An HTTP discovery answer refused before its body is read: a status other than 200, or a type. */
final class HttpDiscoveryException extends Exception {
  private static final long serialVersionUID = 1L;

  HttpDiscoveryException(String message) {
    super(message);
  }
}
