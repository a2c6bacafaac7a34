package io.moraine.logs.logql.ast;

import java.util.List;

/**
 * {@code by (a, b)} or {@code without (a)}.
 *
 * @param without whether the labels are dropped (true) or kept (false)
 * @param labels the label names, possibly empty ({@code by ()})
 */
public record Grouping(boolean without, List<String> labels) {
  public Grouping {
    labels = List.copyOf(labels);
  }
}
