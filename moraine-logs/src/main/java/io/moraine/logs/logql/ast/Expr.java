package io.moraine.logs.logql.ast;

/** A whole LogQL expression: a log query or a metric query. */
public sealed interface Expr permits LogSelector, SampleExpr {}
