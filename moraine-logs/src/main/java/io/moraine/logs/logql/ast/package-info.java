/**
 * LogQL's abstract syntax tree: immutable records in sealed hierarchies, holding no query-time
 * state. {@link io.moraine.logs.logql.ast.LogSelector} is a log query; every {@link
 * io.moraine.logs.logql.ast.SampleExpr} is a metric query. Durations are in nanoseconds.
 */
@NullMarked
package io.moraine.logs.logql.ast;

import org.jspecify.annotations.NullMarked;
