package io.moraine.ingest.remotewrite;

/** How a remote answered one request. */
sealed interface SendOutcome {
  /** 2xx: the samples are delivered. */
  record Delivered() implements SendOutcome {}

  /**
   * A recoverable failure (network error, timeout, 5xx, 429 when retried).
   *
   * @param retryAfterNanos the wait the remote asked for ({@code Retry-After}), or 0 for the
   *     backoff
   */
  record Retry(String message, long retryAfterNanos) implements SendOutcome {}

  /** An unrecoverable failure (4xx, 429 when not retried): the samples are dropped. */
  record Failed(String message) implements SendOutcome {}

  SendOutcome DELIVERED = new Delivered();
}
