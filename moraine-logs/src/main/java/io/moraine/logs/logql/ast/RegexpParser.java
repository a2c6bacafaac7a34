package io.moraine.logs.logql.ast;

/** {@code | regexp "(?P<name>re)"}: named groups become labels. */
public record RegexpParser(String regex) implements Stage {}
