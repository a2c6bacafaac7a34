package io.moraine.promql.engine;

import io.moraine.promql.parser.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code topk} and {@code bottomk}: at each step, the k largest (smallest) samples of each group,
 * output as the input series themselves, present only at the steps where they were chosen.
 *
 * <p>Ties, NaNs and the output order follow Prometheus 2.42 exactly for up to 12 chosen samples per
 * group: the selection replays Go's binary heap (same sift order, same replacement rule, NaN
 * treated as the smallest value), and the chosen samples are then ordered with the stable insertion
 * sort that Go's {@code sort.Sort} uses for so few elements. Beyond 12, equal values may come out
 * in another order than Go's pattern-defeating quicksort would give.
 */
final class TopK {
  /** Go's {@code sort.Sort} sorts this many elements or fewer by insertion. */
  private static final int GO_INSERTION_SORT_MAX = 12;

  /** The largest float that converts to int64 without overflow, as Prometheus checks it. */
  private static final double MAX_INT64 = 9223372036854774784.0;

  private static final double MIN_INT64 = -9223372036854775808.0;

  private final boolean top;
  private final int[] rows;
  private final double[] vals;
  private final int[] tmpRows;
  private final double[] tmpVals;
  private int size;

  private TopK(boolean top, int capacity) {
    this.top = top;
    this.rows = new int[capacity];
    this.vals = new double[capacity];
    this.tmpRows = new int[capacity];
    this.tmpVals = new double[capacity];
  }

  /**
   * @param top true for {@code topk}, false for {@code bottomk}
   * @param k the parameter at each step
   * @throws QueryException.Execution if k at some step does not fit an int64
   */
  static List<Row> eval(boolean top, Groups groups, List<Row> input, double[] k, int steps) {
    long[] ks = new long[steps];
    for (int s = 0; s < steps; s++) {
      ks[s] = toInt64(k[s]);
    }
    int[][] members = groups.members();
    TopK heap = new TopK(top, groups.largest());
    Row[] outOf = new Row[input.size()];
    List<Row> out = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      if (ks[s] < 1) {
        continue;
      }
      for (int[] group : members) {
        heap.select(group, input, s, ks[s]);
        for (int j = 0; j < heap.size; j++) {
          int i = heap.rows[j];
          Row o = outOf[i];
          if (o == null) {
            o = Row.empty(input.get(i).labels, steps);
            outOf[i] = o;
            out.add(o);
          }
          o.set(s, heap.vals[j]);
        }
      }
    }
    return out;
  }

  static long toInt64(double f) {
    if (!(f <= MAX_INT64 && f >= MIN_INT64)) {
      throw new QueryException.Execution(
          "Scalar value " + GoText.formatFloat(f) + " overflows int64");
    }
    return (long) f;
  }

  /** Leaves the chosen samples of one group at step s in rows/vals[0..size), in output order. */
  private void select(int[] group, List<Row> input, int s, long k) {
    size = 0;
    for (int i : group) {
      Row r = input.get(i);
      if (!r.has(s)) {
        continue;
      }
      double x = r.values[s];
      if (size == 0) {
        rows[0] = i;
        vals[0] = x;
        size = 1;
      } else if (size < k || displaces(vals[0], x) || Double.isNaN(vals[0])) {
        if (size == k) {
          if (k == 1) {
            rows[0] = i;
            vals[0] = x;
            continue;
          }
          pop();
        }
        push(i, x);
      }
    }
    if (size > GO_INSERTION_SORT_MAX) {
      mergeSort();
    } else {
      insertionSort();
    }
  }

  private boolean displaces(double root, double x) {
    return top ? root < x : root > x;
  }

  /** The heap order: the root is the sample to drop first; NaN drops before anything. */
  private boolean less(int a, int b) {
    double va = vals[a];
    return Double.isNaN(va) || (top ? va < vals[b] : va > vals[b]);
  }

  private void push(int row, double x) {
    rows[size] = row;
    vals[size] = x;
    int j = size++;
    while (true) {
      int parent = (j - 1) / 2;
      if (parent == j || !less(j, parent)) {
        break;
      }
      swap(parent, j);
      j = parent;
    }
  }

  private void pop() {
    int last = size - 1;
    swap(0, last);
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last && less(child + 1, child)) {
        child++;
      }
      if (!less(child, i)) {
        break;
      }
      swap(i, child);
      i = child;
    }
    size = last;
  }

  private void swap(int a, int b) {
    int r = rows[a];
    rows[a] = rows[b];
    rows[b] = r;
    double v = vals[a];
    vals[a] = vals[b];
    vals[b] = v;
  }

  /** Output order is the reverse of the heap order: position a goes before b if less(b, a). */
  private void insertionSort() {
    for (int i = 1; i < size; i++) {
      for (int j = i; j > 0 && less(j - 1, j); j--) {
        swap(j, j - 1);
      }
    }
  }

  /** A stable bottom-up merge sort in output order, for more than a handful of samples. */
  private void mergeSort() {
    for (int width = 1; width < size; width *= 2) {
      for (int lo = 0; lo < size - width; lo += 2 * width) {
        merge(lo, lo + width, Math.min(lo + 2 * width, size));
      }
    }
  }

  private void merge(int lo, int mid, int hi) {
    int n = mid - lo;
    System.arraycopy(rows, lo, tmpRows, 0, n);
    System.arraycopy(vals, lo, tmpVals, 0, n);
    int a = 0;
    int b = mid;
    int o = lo;
    while (a < n && b < hi) {
      // Take from the right run only if it strictly goes first, which keeps the sort stable.
      boolean rightFirst =
          Double.isNaN(tmpVals[a]) || (top ? tmpVals[a] < vals[b] : tmpVals[a] > vals[b]);
      if (rightFirst) {
        rows[o] = rows[b];
        vals[o++] = vals[b++];
      } else {
        rows[o] = tmpRows[a];
        vals[o++] = tmpVals[a++];
      }
    }
    while (a < n) {
      rows[o] = tmpRows[a];
      vals[o++] = tmpVals[a++];
    }
  }
}
