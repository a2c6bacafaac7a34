package io.moraine.logs.logql.ast;

/** {@code | unpack}: Promtail's packed JSON ({@code _entry} becomes the line). */
public record UnpackParser() implements Stage {}
