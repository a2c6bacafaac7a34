package io.moraine.logs.logql.ast;

/** A metric query: evaluates to samples (a vector per step, or a scalar). */
public sealed interface SampleExpr extends Expr
    permits RangeAggregation,
        VectorAggregation,
        BinaryExpr,
        NumberLiteral,
        VectorLiteral,
        LabelReplace {}
