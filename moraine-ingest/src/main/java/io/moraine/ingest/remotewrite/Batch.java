package io.moraine.ingest.remotewrite;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.remotewrite.queue.DiskQueue;
import io.moraine.ingest.remotewrite.queue.QueueRecord;

/**
 * Samples bound for one request of one shard, with the queue records they came from so that they
 * can be released once the remote has answered. Filled by the reader, then owned by one shard.
 */
final class Batch {
  final Labels[] labels;
  final long[] t;
  final double[] v;
  final QueueRecord[] records;
  int size;

  /** When the first sample was added, {@link System#nanoTime()} units. */
  long startedNanos;

  Batch(int capacity) {
    labels = new Labels[capacity];
    t = new long[capacity];
    v = new double[capacity];
    records = new QueueRecord[capacity];
  }

  boolean isFull() {
    return size == t.length;
  }

  void add(Labels l, long time, double value, QueueRecord r, long nowNanos) {
    if (size == 0) {
      startedNanos = nowNanos;
    }
    labels[size] = l;
    t[size] = time;
    v[size] = value;
    records[size] = r;
    size++;
  }

  /** The highest sample time in the batch, ms. */
  long maxTime() {
    long m = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      m = Math.max(m, t[i]);
    }
    return m;
  }

  /** Releases every sample to {@code queue}, one call per run of samples from the same record. */
  void release(DiskQueue queue) {
    int i = 0;
    while (i < size) {
      QueueRecord r = records[i];
      int j = i + 1;
      while (j < size && records[j] == r) {
        j++;
      }
      queue.release(r, j - i);
      i = j;
    }
  }
}
