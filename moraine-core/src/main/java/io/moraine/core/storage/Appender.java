package io.moraine.core.storage;

import io.moraine.core.labels.Labels;

/**
 * A batch of samples for one store. Not thread-safe: one thread uses an appender from creation to
 * {@link #commit} or {@link #rollback}, after which it must not be used again. Many appenders may
 * be open at once on different threads.
 *
 * <p>Samples are checked as they are appended: a sample that the store will not take (out of order,
 * duplicate, too old, invalid labels) throws a {@link SampleRejectedException} subtype naming the
 * reason, is counted, and leaves the rest of the batch intact; the caller may go on.
 */
public interface Appender {
  /**
   * Appends a sample to the series with these labels, creating the series when it is new.
   *
   * @param t sample time in milliseconds since the epoch
   * @param v the value; NaN, ±Inf and the stale marker are stored bit-exact
   * @return a series reference that may be passed to {@link #append(long, long, double)} on this or
   *     a later appender of the same store for as long as the series stays in the head (a stale ref
   *     is detected and reported as {@link UnknownSeriesRefException})
   * @throws SampleRejectedException when this sample is rejected
   */
  long append(Labels labels, long t, double v);

  /**
   * Appends a sample to the series behind a reference returned earlier.
   *
   * @throws UnknownSeriesRefException when the ref does not (or no longer) name a series; the
   *     caller then appends by labels
   * @throws SampleRejectedException when this sample is rejected
   */
  long append(long ref, long t, double v);

  /**
   * Makes the batch durable and visible. Returns only after the batch is in the write-ahead log: an
   * acknowledged sample survives a crash of the process.
   *
   * @throws java.io.UncheckedIOException when the log cannot be written; nothing of the batch is
   *     then visible
   */
  void commit();

  /** Discards the batch. Series created by it may stay (empty) until the next head compaction. */
  void rollback();
}
