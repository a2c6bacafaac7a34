package io.moraine.ingest.otlp;

/**
 * A request body that cannot be decoded as an {@code ExportMetricsServiceRequest} in its declared
 * encoding (bad protobuf wire format, malformed JSON, a wrong type for a field, invalid UTF-8 in a
 * string). Nothing of the request was stored. The message names what was wrong and where. Cheap: no
 * stack trace is filled in.
 */
public final class OtlpFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OtlpFormatException(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
