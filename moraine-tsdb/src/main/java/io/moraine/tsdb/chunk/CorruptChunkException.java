package io.moraine.tsdb.chunk;

/**
 * A chunk's bytes do not decode: truncated, or a field out of range. Chunk files checksum every
 * chunk, so this normally means a bug or a chunk read with the wrong encoding; callers that know
 * the file wrap it into a {@link io.moraine.core.encoding.CorruptionException}.
 */
public final class CorruptChunkException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CorruptChunkException(String reason) {
    super("corrupt chunk: " + reason);
  }
}
