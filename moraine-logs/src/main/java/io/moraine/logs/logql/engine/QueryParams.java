package io.moraine.logs.logql.engine;

/**
 * A metric query's steps, in nanoseconds: {@code start, start + step, ... <= end}. An instant query
 * has {@code start == end} and step 0.
 */
record QueryParams(long startNanos, long endNanos, long stepNanos) {}
