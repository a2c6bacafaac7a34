package io.moraine.logs.logql.engine;

import io.moraine.core.logs.Direction;

/**
 * One query's time parameters, in nanoseconds. An instant query has {@code start == end} and step
 * 0.
 */
record QueryParams(
    long startNanos,
    long endNanos,
    long stepNanos,
    long intervalNanos,
    int limit,
    Direction direction) {
  boolean instant() {
    return startNanos == endNanos && stepNanos == 0;
  }
}
