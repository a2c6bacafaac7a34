package io.moraine.promql.parser;

import io.moraine.promql.ast.Expr;

/** Turns an {@link Expr} back into PromQL text, as Prometheus 2.42 prints it. */
public final class Printer {
  private Printer() {}

  /** One-line text, as Prometheus's {@code Expr.String()}. */
  public static String print(Expr expr) {
    throw new UnsupportedOperationException("not yet: " + expr);
  }

  /**
   * Indented multi-line text for lines over 100 characters, as Prometheus's {@code parser.Prettify}
   * (what {@code /api/v1/format_query} answers).
   */
  public static String pretty(Expr expr) {
    throw new UnsupportedOperationException("not yet: " + expr);
  }
}
