package io.moraine.logs.logql.ast;

import java.util.List;

/** {@code | drop a, b="x"}. */
public record DropLabels(List<LabelSelection> labels) implements Stage {
  public DropLabels {
    labels = List.copyOf(labels);
  }
}
