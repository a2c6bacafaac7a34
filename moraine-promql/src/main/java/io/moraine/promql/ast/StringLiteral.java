package io.moraine.promql.ast;

import java.util.Objects;

/** A string literal with its escapes already resolved. */
public record StringLiteral(String value, PosRange pos) implements Expr {
  public StringLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }
}
