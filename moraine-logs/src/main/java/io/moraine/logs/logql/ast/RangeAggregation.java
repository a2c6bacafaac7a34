package io.moraine.logs.logql.ast;

import org.jspecify.annotations.Nullable;

/**
 * {@code rate({app="x"}[5m])}, {@code quantile_over_time(0.99, {..} | unwrap d [1m]) by (a)}.
 *
 * @param op the function
 * @param range the log range
 * @param parameter the quantile for {@code quantile_over_time}, else null
 * @param grouping {@code by}/{@code without} after the call (unwrapped functions only), or null
 */
public record RangeAggregation(
    RangeOp op, LogRange range, @Nullable Double parameter, @Nullable Grouping grouping)
    implements SampleExpr {}
