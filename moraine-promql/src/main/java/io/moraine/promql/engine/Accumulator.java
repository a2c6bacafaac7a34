package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.promql.ast.AggregateOp;
import java.util.Arrays;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * The running state of one aggregation group over all steps, for the operators that fold samples
 * one by one: {@code sum}, {@code avg}, {@code count}, {@code min}, {@code max}, {@code group},
 * {@code stddev}, {@code stdvar}. Rows are added in input order, so that at each step the samples
 * fold in the order Prometheus's instant vector holds them (floating-point sums depend on it). Not
 * thread-safe; used once.
 */
final class Accumulator {
  private final AggregateOp op;
  private final double[] value;
  private final BitSet seen;
  private final int[] count;
  private final double[] mean;

  Accumulator(AggregateOp op, int steps) {
    this.op = op;
    this.value = new double[steps];
    this.seen = new BitSet(steps);
    boolean counts = op == AggregateOp.AVG || op == AggregateOp.COUNT || isVariance(op);
    this.count = new int[counts ? steps : 0];
    this.mean = new double[isVariance(op) ? steps : 0];
    switch (op) {
      // -0 is the identity of IEEE addition: a lone -0 sums to -0 as Prometheus's first-sample
      // start gives, and every other value x to x.
      case SUM -> Arrays.fill(value, -0.0);
      // NaN is replaced by any later value, so the first sample always wins.
      case MIN, MAX -> Arrays.fill(value, Double.NaN);
      default -> {}
    }
  }

  private static boolean isVariance(AggregateOp op) {
    return op == AggregateOp.STDDEV || op == AggregateOp.STDVAR;
  }

  /**
   * Folds in the samples of {@code row} at every step where it has one. The steps are visited in
   * runs of consecutive samples, so that a row with no gaps is one tight loop.
   */
  void add(Row row) {
    BitSet present = row.present;
    int n = value.length;
    for (int from = present.nextSetBit(0); from >= 0 && from < n; ) {
      int to = Math.min(present.nextClearBit(from), n);
      addRun(row.values, from, to);
      from = present.nextSetBit(to);
    }
    seen.or(present);
  }

  private void addRun(double[] v, int from, int to) {
    switch (op) {
      case SUM -> {
        for (int s = from; s < to; s++) {
          value[s] += v[s];
        }
      }
      case MAX -> {
        for (int s = from; s < to; s++) {
          if (value[s] < v[s] || Double.isNaN(value[s])) {
            value[s] = v[s];
          }
        }
      }
      case MIN -> {
        for (int s = from; s < to; s++) {
          if (value[s] > v[s] || Double.isNaN(value[s])) {
            value[s] = v[s];
          }
        }
      }
      case COUNT -> {
        for (int s = from; s < to; s++) {
          count[s]++;
        }
      }
      case AVG -> {
        for (int s = from; s < to; s++) {
          addToMean(s, v[s]);
        }
      }
      case STDDEV, STDVAR -> {
        for (int s = from; s < to; s++) {
          addToVariance(s, v[s]);
        }
      }
      case GROUP -> {}
      default -> throw new IllegalStateException("BUG: not a folding aggregation: " + op);
    }
  }

  /**
   * Prometheus's incremental mean: each step of the update is divided by the count to avoid
   * overflow, and an infinite mean stays as it is unless an opposite infinity or NaN arrives.
   */
  private void addToMean(int s, double x) {
    int n = ++count[s];
    if (n == 1) {
      value[s] = x;
      return;
    }
    double m = value[s];
    if (Double.isInfinite(m)) {
      if (Double.isInfinite(x) && (m > 0) == (x > 0)) {
        return;
      }
      if (!Double.isInfinite(x) && !Double.isNaN(x)) {
        return;
      }
    }
    value[s] = m + (x / n - m / n);
  }

  /** Welford's update of the running mean and the sum of squared deviations. */
  private void addToVariance(int s, double x) {
    int n = ++count[s];
    if (n == 1) {
      mean[s] = x;
      value[s] = 0;
      return;
    }
    double delta = x - mean[s];
    mean[s] += delta / n;
    value[s] += delta * (x - mean[s]);
  }

  /** The group's output row; null if no input row had a sample at any step. */
  @Nullable Row finish(Labels labels) {
    if (seen.isEmpty()) {
      return null;
    }
    if (op == AggregateOp.SUM
        || op == AggregateOp.MIN
        || op == AggregateOp.MAX
        || op == AggregateOp.AVG) {
      return new Row(labels, value, seen);
    }
    for (int s = seen.nextSetBit(0); s >= 0; s = seen.nextSetBit(s + 1)) {
      value[s] =
          switch (op) {
            case COUNT -> count[s];
            case GROUP -> 1;
            case STDVAR -> value[s] / count[s];
            case STDDEV -> Math.sqrt(value[s] / count[s]);
            default -> throw new IllegalStateException("BUG: " + op);
          };
    }
    return new Row(labels, value, seen);
  }
}
