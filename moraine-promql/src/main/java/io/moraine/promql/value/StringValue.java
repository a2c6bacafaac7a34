package io.moraine.promql.value;

import io.moraine.promql.ast.ValueType;

/** A string at time {@code t} (ms). */
public record StringValue(long t, String v) implements QueryValue {
  @Override
  public ValueType type() {
    return ValueType.STRING;
  }
}
