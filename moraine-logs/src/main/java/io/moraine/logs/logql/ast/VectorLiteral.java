package io.moraine.logs.logql.ast;

/** {@code vector(0)}: one sample with no labels at every step. */
public record VectorLiteral(double value) implements SampleExpr {}
