package io.moraine.logs.logql.ast;

/** {@code | decolorize}: strips ANSI colour sequences from the line. */
public record Decolorize() implements Stage {}
