package io.moraine.tsdb.index;

/**
 * Where one chunk of a series lives and the time range it covers.
 *
 * @param ref the chunk's reference in the block's chunk files; opaque to the index
 * @param mint the first sample's timestamp, ms, inclusive
 * @param maxt the last sample's timestamp, ms, inclusive ({@code maxt >= mint})
 */
public record ChunkMeta(long ref, long mint, long maxt) {
  public ChunkMeta {
    if (maxt < mint) {
      throw new IllegalArgumentException("chunk maxt " + maxt + " < mint " + mint);
    }
  }
}
