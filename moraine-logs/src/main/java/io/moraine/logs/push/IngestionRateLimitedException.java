package io.moraine.logs.push;

/**
 * A push refused whole by the tenant's ingestion rate limit (HTTP 429); the message is Loki's.
 * Cheap: no stack trace.
 */
public final class IngestionRateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  IngestionRateLimitedException(String message) {
    super(message, null, false, false);
  }
}
