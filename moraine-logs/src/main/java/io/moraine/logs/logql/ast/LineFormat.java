package io.moraine.logs.logql.ast;

/** {@code | line_format "{{.a}} {{.b | upper}}"}: a Go text/template rewrites the line. */
public record LineFormat(String template) implements Stage {}
