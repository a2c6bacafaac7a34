package io.moraine.logs.logql.ast;

/**
 * A parameter of {@code json} or {@code logfmt}: {@code label="expression"} or a bare {@code label}
 * (then the expression is the label name itself).
 *
 * @param label the label to set
 * @param expression a JSON path ({@code a.b[0]}, {@code ["a b"]}) or a logfmt key
 */
public record LabelExtraction(String label, String expression) {}
