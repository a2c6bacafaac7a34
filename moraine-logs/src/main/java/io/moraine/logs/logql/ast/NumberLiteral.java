package io.moraine.logs.logql.ast;

/** A scalar literal: {@code 2}, {@code -1.5}. */
public record NumberLiteral(double value) implements SampleExpr {}
