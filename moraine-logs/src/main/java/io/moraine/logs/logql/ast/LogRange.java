package io.moraine.logs.logql.ast;

import org.jspecify.annotations.Nullable;

/**
 * A log range: {@code {app="x"} | json | unwrap latency [5m] offset 1h}.
 *
 * @param selector the stream selector and its pipeline (before the unwrap)
 * @param rangeNanos the range, positive
 * @param offsetNanos the offset (0 when none; may be negative)
 * @param unwrap the unwrap, or null for entry-counting functions
 */
public record LogRange(
    LogSelector selector, long rangeNanos, long offsetNanos, @Nullable Unwrap unwrap) {}
