package io.moraine.ingest.remotewrite.queue;

import io.moraine.core.labels.Labels;

/**
 * A read-only view of committed samples, in append order, handed to {@link DiskQueue#append}. The
 * queue reads it during the call only and keeps nothing of it.
 */
public interface SampleBatch {
  /** The number of samples. */
  int size();

  /** The series of sample {@code i}, {@code 0 <= i < size()}. */
  Labels labels(int i);

  /** The time of sample {@code i} in milliseconds since the epoch. */
  long t(int i);

  /** The value of sample {@code i}; NaN payloads (the stale marker) are kept bit-exact. */
  double v(int i);
}
