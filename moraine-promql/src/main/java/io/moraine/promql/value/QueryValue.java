package io.moraine.promql.value;

import io.moraine.promql.ast.ValueType;

/** The result of a query: what the HTTP API renders as {@code resultType} and {@code result}. */
public sealed interface QueryValue permits Scalar, StringValue, InstantVector, RangeMatrix {
  ValueType type();
}
