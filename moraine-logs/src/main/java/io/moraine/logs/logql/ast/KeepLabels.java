package io.moraine.logs.logql.ast;

import java.util.List;

/** {@code | keep a, b="x"}. */
public record KeepLabels(List<LabelSelection> labels) implements Stage {
  public KeepLabels {
    labels = List.copyOf(labels);
  }
}
