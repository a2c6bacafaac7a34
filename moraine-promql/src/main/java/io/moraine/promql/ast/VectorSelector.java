package io.moraine.promql.ast;

import io.moraine.core.labels.Matcher;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An instant vector selector, {@code name{matchers} offset 5m @ 123}.
 *
 * @param name the metric name written before the braces, or null when there was none
 * @param matchers every matcher, the name's {@code __name__="name"} matcher included (first)
 * @param offsetMillis the offset, negative for {@code offset -5m}; 0 when absent
 * @param at the {@code @} modifier, or null
 */
public record VectorSelector(
    @Nullable String name, List<Matcher> matchers, long offsetMillis, @Nullable At at, PosRange pos)
    implements Expr {
  public VectorSelector {
    matchers = List.copyOf(matchers);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }
}
