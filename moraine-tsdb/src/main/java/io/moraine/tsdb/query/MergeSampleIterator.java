package io.moraine.tsdb.query;

import io.moraine.core.storage.SampleIterator;

/**
 * Merges the sample iterators of one series from several readers (blocks and head whose ranges may
 * overlap after an import) in time order; of samples at the same time the first source wins. Not
 * thread-safe.
 */
final class MergeSampleIterator implements SampleIterator {
  private final SampleIterator[] its;
  private final boolean[] valid;
  private final boolean[] started;
  private long curT;
  private double curV;
  private boolean done;

  MergeSampleIterator(SampleIterator[] its) {
    this.its = its;
    this.valid = new boolean[its.length];
    this.started = new boolean[its.length];
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    for (int i = 0; i < its.length; i++) {
      if (!started[i]) {
        started[i] = true;
        valid[i] = its[i].next();
      } else if (valid[i] && its[i].atT() <= curT) {
        valid[i] = its[i].next();
      }
    }
    return pick();
  }

  @Override
  public boolean seek(long t) {
    if (done) {
      return false;
    }
    boolean anyStarted = false;
    for (boolean s : started) {
      anyStarted |= s;
    }
    if (anyStarted && curT >= t && !done) {
      return true;
    }
    for (int i = 0; i < its.length; i++) {
      started[i] = true;
      valid[i] = its[i].seek(t);
    }
    return pick();
  }

  private boolean pick() {
    int best = -1;
    long bestT = Long.MAX_VALUE;
    for (int i = 0; i < its.length; i++) {
      if (valid[i] && its[i].atT() < bestT) {
        best = i;
        bestT = its[i].atT();
      }
    }
    if (best < 0) {
      done = true;
      return false;
    }
    curT = bestT;
    curV = its[best].atV();
    return true;
  }

  @Override
  public long atT() {
    return curT;
  }

  @Override
  public double atV() {
    return curV;
  }
}
