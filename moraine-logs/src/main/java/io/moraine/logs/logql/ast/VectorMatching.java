package io.moraine.logs.logql.ast;

import java.util.List;

/**
 * {@code on (a) group_left (b)} / {@code ignoring (a)}.
 *
 * @param on whether {@code labels} are the only ones matched (true) or the ones ignored (false)
 * @param labels the on/ignoring labels
 * @param cardinality one-to-one, or which side is the "many"
 * @param include the extra labels named in group_left/group_right
 */
public record VectorMatching(
    boolean on, List<String> labels, Cardinality cardinality, List<String> include) {
  public VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }

  /** Which side may match many. */
  public enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY
  }
}
