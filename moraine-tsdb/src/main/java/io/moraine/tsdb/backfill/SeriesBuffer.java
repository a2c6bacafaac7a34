package io.moraine.tsdb.backfill;

import java.util.Arrays;

/** Growable primitive sample arrays of one series, filled by one thread. Not thread-safe. */
final class SeriesBuffer {
  long[] ts;
  double[] vs;
  int n;

  SeriesBuffer(int capacity) {
    ts = new long[capacity];
    vs = new double[capacity];
  }

  void add(long t, double v) {
    if (n == ts.length) {
      int cap = n + (n >> 1) + 8;
      ts = Arrays.copyOf(ts, cap);
      vs = Arrays.copyOf(vs, cap);
    }
    ts[n] = t;
    vs[n] = v;
    n++;
  }

  /**
   * Sorts by time when needed and removes repeated timestamps, keeping the value read last (the
   * later line of the input wins, as a re-scrape would).
   */
  void sortAndDedupe() {
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = ts[i] > ts[i - 1];
    }
    if (sorted) {
      return;
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Long.compare(ts[a], ts[b])); // stable: input order on ties
    long[] t2 = new long[n];
    double[] v2 = new double[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      long t = ts[idx[i]];
      if (k > 0 && t2[k - 1] == t) {
        v2[k - 1] = vs[idx[i]];
      } else {
        t2[k] = t;
        v2[k] = vs[idx[i]];
        k++;
      }
    }
    ts = t2;
    vs = v2;
    n = k;
  }
}
