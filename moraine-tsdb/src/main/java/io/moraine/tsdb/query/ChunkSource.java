package io.moraine.tsdb.query;

import io.moraine.tsdb.chunkfile.ChunkBuf;

/** Reads chunks by the refs an {@link io.moraine.tsdb.index.IndexReader} hands out. Thread-safe. */
public interface ChunkSource {
  /**
   * Copies chunk {@code ref} of series {@code seriesId} into {@code into}.
   *
   * @return false when the chunk no longer exists (head truncation raced the read)
   * @throws io.moraine.core.encoding.CorruptionException when the stored chunk fails its check
   */
  boolean load(int seriesId, long ref, ChunkBuf into);
}
