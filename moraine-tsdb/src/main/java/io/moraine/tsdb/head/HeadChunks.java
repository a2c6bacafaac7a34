package io.moraine.tsdb.head;

import io.moraine.tsdb.chunk.XorAppender;
import io.moraine.tsdb.chunkfile.ChunkBuf;

/** Where full head chunks go: the memory-mapped {@code chunks_head/} files. Thread-safe. */
public interface HeadChunks {
  /** Writes a full chunk of series {@code seriesId}; returns its ref (positive) for reading. */
  long write(int seriesId, XorAppender chunk);

  /** Copies the chunk behind {@code ref} into {@code into}. */
  void read(long ref, ChunkBuf into);
}
