package io.moraine.promql.ast;

/** A PromQL expression. Every node is an immutable record; evaluation state lives elsewhere. */
public sealed interface Expr
    permits NumberLiteral,
        StringLiteral,
        VectorSelector,
        MatrixSelector,
        SubqueryExpr,
        Call,
        AggregateExpr,
        BinaryExpr,
        UnaryExpr,
        ParenExpr {
  /** The static type the expression evaluates to. */
  ValueType type();

  /** Where the expression is in the query text. */
  PosRange pos();
}
