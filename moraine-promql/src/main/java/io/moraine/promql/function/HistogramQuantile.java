package io.moraine.promql.function;

/**
 * The φ-quantile of a classic histogram, from its cumulative buckets ({@code le} series), as
 * Prometheus 2.42's {@code histogram_quantile} computes it: linear interpolation inside the bucket
 * where the rank falls, with 0 as the lower edge of the first bucket when its upper bound is
 * positive.
 */
public final class HistogramQuantile {
  /** Below this many buckets, insertion sort; above, heap sort (no allocation either way). */
  private static final int INSERTION_SORT_MAX = 32;

  private HistogramQuantile() {}

  /**
   * The φ-quantile of the histogram whose buckets are {@code upperBounds[0..n)} with cumulative
   * {@code counts[0..n)}, in any order. Both arrays are reordered and overwritten (sorted by upper
   * bound; buckets with equal bounds merged; counts made non-decreasing, since buckets scraped at
   * slightly different moments may break monotonicity).
   *
   * <p>NaN when φ is NaN, when there is no {@code +Inf} bucket, when fewer than two distinct bounds
   * remain or when the histogram has no observations; −Inf for φ &lt; 0 and +Inf for φ &gt; 1. A
   * rank in the {@code +Inf} bucket yields the second highest bound; a rank in the first bucket
   * whose bound is ≤ 0 yields that bound.
   *
   * @param n number of buckets, at most the arrays' length
   */
  public static double quantile(double phi, double[] upperBounds, double[] counts, int n) {
    if (Double.isNaN(phi)) {
      return Double.NaN;
    }
    if (phi < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (phi > 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (n == 0) {
      return Double.NaN;
    }
    sort(upperBounds, counts, n);
    if (upperBounds[n - 1] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    n = coalesce(upperBounds, counts, n);
    makeMonotonic(counts, n);
    if (n < 2) {
      return Double.NaN;
    }
    double observations = counts[n - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = phi * observations;
    int b = firstReaching(counts, n - 1, rank);
    if (b == n - 1) {
      return upperBounds[n - 2];
    }
    if (b == 0 && upperBounds[0] <= 0) {
      return upperBounds[0];
    }
    double start = 0;
    double end = upperBounds[b];
    double count = counts[b];
    if (b > 0) {
      start = upperBounds[b - 1];
      count -= counts[b - 1];
      rank -= counts[b - 1];
    }
    return start + (end - start) * (rank / count);
  }

  /** The first index in [0, limit) whose count reaches {@code rank}, else {@code limit}. */
  private static int firstReaching(double[] counts, int limit, double rank) {
    int lo = 0;
    int hi = limit;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (counts[mid] >= rank) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Merges adjacent buckets with equal bounds, adding their counts; returns the new length. */
  private static int coalesce(double[] bounds, double[] counts, int n) {
    int out = 0;
    for (int i = 1; i < n; i++) {
      if (bounds[i] == bounds[out]) {
        counts[out] += counts[i];
      } else {
        out++;
        bounds[out] = bounds[i];
        counts[out] = counts[i];
      }
    }
    return out + 1;
  }

  /** Raises every count that is below an earlier one to the running maximum. */
  private static void makeMonotonic(double[] counts, int n) {
    double max = counts[0];
    for (int i = 1; i < n; i++) {
      if (counts[i] > max) {
        max = counts[i];
      } else if (counts[i] < max) {
        counts[i] = max;
      }
    }
  }

  private static void sort(double[] bounds, double[] counts, int n) {
    if (n <= INSERTION_SORT_MAX) {
      for (int i = 1; i < n; i++) {
        double bound = bounds[i];
        double count = counts[i];
        int j = i - 1;
        while (j >= 0 && bounds[j] > bound) {
          bounds[j + 1] = bounds[j];
          counts[j + 1] = counts[j];
          j--;
        }
        bounds[j + 1] = bound;
        counts[j + 1] = count;
      }
      return;
    }
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(bounds, counts, i, n);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(bounds, counts, 0, end);
      siftDown(bounds, counts, 0, end);
    }
  }

  private static void siftDown(double[] bounds, double[] counts, int root, int n) {
    while (true) {
      int child = 2 * root + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && bounds[child + 1] > bounds[child]) {
        child++;
      }
      if (!(bounds[child] > bounds[root])) {
        return;
      }
      swap(bounds, counts, root, child);
      root = child;
    }
  }

  private static void swap(double[] bounds, double[] counts, int i, int j) {
    double b = bounds[i];
    bounds[i] = bounds[j];
    bounds[j] = b;
    double c = counts[i];
    counts[i] = counts[j];
    counts[j] = c;
  }
}
