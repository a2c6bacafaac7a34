package io.moraine.ingest.proto;

/**
 * Input that is not valid protobuf wire format: truncated, a varint longer than 10 bytes, a
 * negative or overlong length, an illegal tag or wire type. The message names the problem and the
 * byte offset. Cheap: no stack trace is filled in.
 */
public final class WireFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public WireFormatException(String message, int offset) {
    super(message + " at byte " + offset);
    this.offset = offset;
  }

  /** The offset in the input where the problem was found. */
  public int offset() {
    return offset;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
