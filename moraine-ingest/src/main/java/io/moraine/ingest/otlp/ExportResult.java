package io.moraine.ingest.otlp;

/**
 * What became of a decodable request.
 *
 * @param receivedPoints the data points of the request
 * @param rejectedPoints data points not stored (dropped kinds, delta temporality, a sample the
 *     store refused); the rest of the request was stored
 * @param errorMessage why points were rejected, naming each reason; empty when none was
 */
public record ExportResult(long receivedPoints, long rejectedPoints, String errorMessage) {
  /** Whether some points were rejected, so that the answer carries a partial success. */
  public boolean partial() {
    return rejectedPoints > 0;
  }
}
