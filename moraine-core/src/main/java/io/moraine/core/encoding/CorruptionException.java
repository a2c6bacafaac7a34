package io.moraine.core.encoding;

import java.nio.file.Path;

/** Data on disk that fails a check: bad magic, unknown version, checksum mismatch, truncation. */
public final class CorruptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  public CorruptionException(Path file, long offset, String reason) {
    super(file + " at offset " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
