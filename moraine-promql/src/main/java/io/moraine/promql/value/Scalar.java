package io.moraine.promql.value;

import io.moraine.promql.ast.ValueType;

/** A scalar at time {@code t} (ms). */
public record Scalar(long t, double v) implements QueryValue {
  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }
}
