package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;

/** Label-set edits the evaluators share, without the builder's sorting cost. */
final class LabelOps {
  private LabelOps() {}

  /** {@code labels} without {@code __name__}; the same instance when it has none. */
  static Labels dropName(Labels labels) {
    int n = labels.size();
    for (int i = 0; i < n; i++) {
      if (labels.name(i).equals(Labels.METRIC_NAME)) {
        String[] kv = new String[2 * (n - 1)];
        int k = 0;
        for (int j = 0; j < n; j++) {
          if (j != i) {
            kv[k++] = labels.name(j);
            kv[k++] = labels.value(j);
          }
        }
        return Labels.ofSorted(kv);
      }
    }
    return labels;
  }
}
