package io.moraine.logs.logql.ast;

/** {@code | pattern "<ip> - - [<_>] ..."}: named captures become labels. */
public record PatternParser(String pattern) implements Stage {}
