/**
 * Evaluates LogQL expressions over a {@link io.moraine.core.logs.LogQueryable}: log queries
 * (streams merged by time with a limit) and metric queries (range and vector aggregations, binary
 * operators) at instants or over ranges.
 */
@NullMarked
package io.moraine.logs.logql.engine;

import org.jspecify.annotations.NullMarked;
