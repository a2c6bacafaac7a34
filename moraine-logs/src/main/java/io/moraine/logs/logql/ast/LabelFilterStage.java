package io.moraine.logs.logql.ast;

/** {@code | status >= 500 and level="error"}: keeps the entries whose labels pass. */
public record LabelFilterStage(LabelFilter filter) implements Stage {}
