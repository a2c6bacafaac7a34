package io.moraine.logs.logql.ast;

import org.jspecify.annotations.Nullable;

/**
 * {@code lhs op [bool] [on/ignoring ...] rhs}.
 *
 * @param matching the vector matching clause, or null when none was written
 */
public record BinaryExpr(
    BinaryOp op,
    SampleExpr left,
    SampleExpr right,
    boolean returnBool,
    @Nullable VectorMatching matching)
    implements SampleExpr {}
