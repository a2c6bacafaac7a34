package io.moraine.tsdb.record;

/**
 * A record whose bytes do not parse as the requested type (wrong type byte, truncated varint,
 * counts past the end, unsorted labels). Records know nothing of files: the caller that read the
 * record from disk adds file and offset (for example as a {@code CorruptionException}).
 */
public final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String reason) {
    super(reason);
  }

  public MalformedRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
