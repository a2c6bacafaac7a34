package io.moraine.promql.function;

/** {@code resets} and {@code changes}: counts over consecutive pairs of a window's samples. */
final class Changes {
  private Changes() {}

  /** How often a value is below the one before it (a counter reset). */
  static boolean resets(Window w, double[] args) {
    if (w.size() == 0) {
      return false;
    }
    double[] vs = w.vs;
    int resets = 0;
    for (int i = w.from + 1; i < w.to; i++) {
      if (vs[i] < vs[i - 1]) {
        resets++;
      }
    }
    w.result = resets;
    return true;
  }

  /**
   * How often a value differs from the one before it; NaN followed by NaN is no change, NaN next to
   * a number is one.
   */
  static boolean changes(Window w, double[] args) {
    if (w.size() == 0) {
      return false;
    }
    double[] vs = w.vs;
    int changes = 0;
    for (int i = w.from + 1; i < w.to; i++) {
      double prev = vs[i - 1];
      double v = vs[i];
      if (v != prev && !(Double.isNaN(v) && Double.isNaN(prev))) {
        changes++;
      }
    }
    w.result = changes;
    return true;
  }
}
