package io.moraine.promql.engine;

/**
 * The evaluation times of one (sub)query: {@code count} steps from {@code startMillis} every {@code
 * intervalMillis}. An instant query has one step.
 */
record Steps(long startMillis, long intervalMillis, int count) {
  Steps {
    if (count < 1 || intervalMillis < 1) {
      throw new IllegalStateException("BUG: steps " + count + " every " + intervalMillis);
    }
  }

  static Steps instant(long t) {
    return new Steps(t, 1, 1);
  }

  /** Time of step {@code i} in ms. */
  long at(int i) {
    return startMillis + i * intervalMillis;
  }

  long endMillis() {
    return at(count - 1);
  }
}
