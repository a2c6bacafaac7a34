package io.moraine.tsdb.query;

import io.moraine.tsdb.index.IndexReader;

/**
 * What querying and compaction read: an index and its chunks over a time range. The head and
 * persisted blocks both implement it, so each has one read path. Obtained pinned; the holder calls
 * {@link #release} when done, after which the reader's files may be closed or deleted.
 */
public interface BlockReader {
  IndexReader index();

  ChunkSource chunks();

  /** Oldest sample time, ms, inclusive. */
  long minTime();

  /** Newest sample time, ms, inclusive. */
  long maxTime();

  /** Ends the holder's use of this reader. Idempotent per pin. */
  void release();
}
