package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.Grouping;
import org.jspecify.annotations.Nullable;

/** {@code by}/{@code without} applied to a label set. */
final class Groupings {
  private Groupings() {}

  /**
   * The labels a sample is grouped under: only the {@code by} labels it has, or all but the {@code
   * without} labels (and {@code __name__}); no labels when {@code grouping} is null.
   */
  static Labels apply(@Nullable Grouping grouping, Labels labels) {
    if (grouping == null) {
      return Labels.EMPTY;
    }
    if (grouping.without()) {
      Labels.Builder b = labels.toBuilder();
      for (String name : grouping.labels()) {
        b.remove(name);
      }
      b.remove(Labels.METRIC_NAME);
      return b.build();
    }
    Labels.Builder b = Labels.builder();
    for (String name : grouping.labels()) {
      String v = labels.get(name);
      if (v != null) {
        b.add(name, v);
      }
    }
    return b.build();
  }
}
