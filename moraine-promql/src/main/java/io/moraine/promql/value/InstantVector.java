package io.moraine.promql.value;

import io.moraine.promql.ast.ValueType;
import java.util.List;

/**
 * An instant vector, in the order the expression produced it (which matters for {@code sort},
 * {@code topk} and friends).
 */
public record InstantVector(List<Sample> samples) implements QueryValue {
  public InstantVector {
    samples = List.copyOf(samples);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }
}
