package io.moraine.ingest.scrape;

/**
 * A scrape that failed; the message is what Prometheus 2.42 shows as the target's {@code lastError}
 * for the same failure (e.g. {@code server returned HTTP status 500 Internal Server Error}, {@code
 * body size limit exceeded}, {@code context deadline exceeded}).
 */
public final class ScrapeException extends Exception {
  public ScrapeException(String message) {
    super(message, null, false, false);
  }

  public ScrapeException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
