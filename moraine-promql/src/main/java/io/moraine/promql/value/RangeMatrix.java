package io.moraine.promql.value;

import io.moraine.promql.ast.ValueType;
import java.util.List;

/** A matrix: the result of a range query, or of an instant query of a range selector. */
public record RangeMatrix(List<SeriesPoints> series) implements QueryValue {
  public RangeMatrix {
    series = List.copyOf(series);
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }
}
