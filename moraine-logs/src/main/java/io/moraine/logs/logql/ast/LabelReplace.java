package io.moraine.logs.logql.ast;

/** {@code label_replace(expr, "dst", "$1", "src", "(.*)")}, as PromQL's. */
public record LabelReplace(
    SampleExpr inner, String destination, String replacement, String source, String regex)
    implements SampleExpr {}
