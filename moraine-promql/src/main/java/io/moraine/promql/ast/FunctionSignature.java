package io.moraine.promql.ast;

import java.util.List;

/**
 * A function's name and types, as Prometheus declares them.
 *
 * @param argTypes the declared argument types
 * @param variadic 0: exactly {@code argTypes}; n &gt; 0: the last n of them may be omitted; -1: the
 *     last type repeats any number of times (at least once)
 */
public record FunctionSignature(
    String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
  public FunctionSignature {
    argTypes = List.copyOf(argTypes);
  }
}
