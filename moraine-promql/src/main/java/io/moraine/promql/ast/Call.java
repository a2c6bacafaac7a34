package io.moraine.promql.ast;

import java.util.List;

/** A function call. */
public record Call(FunctionSignature func, List<Expr> args, PosRange pos) implements Expr {
  public Call {
    args = List.copyOf(args);
  }

  @Override
  public ValueType type() {
    return func.returnType();
  }
}
