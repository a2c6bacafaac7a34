package io.moraine.testkit.storage;

import io.moraine.core.storage.SampleIterator;

/** A {@link SampleIterator} over parallel arrays of times and value bits; reusable by reset. */
final class ArraySampleIterator implements SampleIterator {
  private long[] times;
  private long[] valueBits;
  private int i = -1;

  ArraySampleIterator(long[] times, long[] valueBits) {
    this.times = times;
    this.valueBits = valueBits;
  }

  void reset(long[] times, long[] valueBits) {
    this.times = times;
    this.valueBits = valueBits;
    this.i = -1;
  }

  @Override
  public boolean next() {
    if (i < times.length) {
      i++;
    }
    return i < times.length;
  }

  @Override
  public boolean seek(long t) {
    if (i < 0) {
      i = 0;
    }
    while (i < times.length && times[i] < t) {
      i++;
    }
    return i < times.length;
  }

  @Override
  public long atT() {
    checkPositioned();
    return times[i];
  }

  @Override
  public double atV() {
    checkPositioned();
    return Double.longBitsToDouble(valueBits[i]);
  }

  private void checkPositioned() {
    if (i < 0 || i >= times.length) {
      throw new IllegalStateException("BUG: iterator not on a sample (index " + i + ")");
    }
  }
}
