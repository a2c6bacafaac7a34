package io.moraine.logs.logql.ast;

import org.jspecify.annotations.Nullable;

/**
 * {@code sum by (app) (expr)}, {@code topk(5, expr)}.
 *
 * @param op the operator
 * @param inner the aggregated expression
 * @param grouping {@code by}/{@code without}, or null for none (everything into one group)
 * @param k the parameter of topk/bottomk, else 0
 */
public record VectorAggregation(VectorOp op, SampleExpr inner, @Nullable Grouping grouping, int k)
    implements SampleExpr {}
