package io.moraine.tsdb.head;

import java.util.List;

/**
 * The head's side of the write-ahead log: turns series and samples into records and makes them
 * durable. Thread-safe. Returns only after the records are written (survive kill -9).
 */
interface HeadLog {
  /**
   * Logs series definitions first, then samples, as one batch.
   *
   * @param series series not yet in the log (may repeat series logged by a concurrent batch)
   */
  void log(List<MemSeries> series, int[] refs, long[] ts, double[] vs, int n);
}
