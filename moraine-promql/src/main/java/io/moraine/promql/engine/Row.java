package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import java.util.BitSet;

/**
 * One series of an instant vector across all steps: {@code values[i]} is its value at step i when
 * {@code present.get(i)}, and meaningless otherwise. Rows are built by one evaluator and then only
 * read, except that an evaluator may take over its input's arrays when nothing else holds them.
 */
final class Row {
  Labels labels;
  final double[] values;
  final BitSet present;

  Row(Labels labels, double[] values, BitSet present) {
    this.labels = labels;
    this.values = values;
    this.present = present;
  }

  static Row empty(Labels labels, int steps) {
    return new Row(labels, new double[steps], new BitSet(steps));
  }

  void set(int step, double v) {
    values[step] = v;
    present.set(step);
  }

  boolean has(int step) {
    return present.get(step);
  }

  boolean isEmpty() {
    return present.isEmpty();
  }
}
