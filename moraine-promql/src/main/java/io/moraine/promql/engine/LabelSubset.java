package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;

/**
 * A rule that cuts a label set down to part of it: either only the listed names ({@code by}, {@code
 * on}) or all but the listed names ({@code without}, {@code ignoring}, which also drop {@code
 * __name__}). Aggregation groups and vector-matching signatures are both such subsets: two series
 * fall in the same group exactly when their subsets are equal. Immutable.
 */
final class LabelSubset {
  private final String[] names; // sorted, distinct
  private final boolean keep;
  private final boolean dropMetricName;

  private LabelSubset(Collection<String> names, boolean keep, boolean dropMetricName) {
    this.names = new TreeSet<>(names).toArray(new String[0]);
    this.keep = keep;
    this.dropMetricName = dropMetricName;
  }

  /** Only the given labels ({@code by}, {@code on}); {@code __name__} only if listed. */
  static LabelSubset keeping(Collection<String> names) {
    return new LabelSubset(names, true, false);
  }

  /** All labels but the given ones and {@code __name__} ({@code without}, {@code ignoring}). */
  static LabelSubset dropping(Collection<String> names) {
    return new LabelSubset(names, false, true);
  }

  /** All labels but the given ones; {@code __name__} stays unless listed. */
  static LabelSubset droppingOnly(Collection<String> names) {
    return new LabelSubset(names, false, false);
  }

  /** The subset of {@code labels}; the same instance when nothing is cut. */
  Labels of(Labels labels) {
    int n = labels.size();
    String[] kv = new String[2 * n];
    int out = 0;
    for (int i = 0; i < n; i++) {
      String name = labels.name(i);
      if (included(name)) {
        kv[out++] = name;
        kv[out++] = labels.value(i);
      }
    }
    if (out == kv.length) {
      return labels;
    }
    return out == 0 ? Labels.EMPTY : Labels.ofSorted(Arrays.copyOf(kv, out));
  }

  private boolean included(String name) {
    boolean listed = Arrays.binarySearch(names, name) >= 0;
    if (keep) {
      return listed;
    }
    return !listed && !(dropMetricName && name.equals(Labels.METRIC_NAME));
  }

  /** {@code labels} without {@code __name__}; the same instance when it has none. */
  static Labels dropMetricName(Labels labels) {
    if (labels.get(Labels.METRIC_NAME) == null) {
      return labels;
    }
    String[] kv = new String[2 * labels.size() - 2];
    int out = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (!labels.name(i).equals(Labels.METRIC_NAME)) {
        kv[out++] = labels.name(i);
        kv[out++] = labels.value(i);
      }
    }
    return kv.length == 0 ? Labels.EMPTY : Labels.ofSorted(kv);
  }
}
