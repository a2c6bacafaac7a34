package io.moraine.logs.logql.ast;

import io.moraine.core.labels.Matcher;

/**
 * A label filter expression. Comparisons of a label that is missing or does not convert fail the
 * entry's filter and, for number, duration and bytes comparisons, set {@code __error__} as Loki
 * does.
 */
public sealed interface LabelFilter {
  /** {@code a and b}, also written {@code a, b} or {@code a b}. */
  record And(LabelFilter left, LabelFilter right) implements LabelFilter {}

  /** {@code a or b}. */
  record Or(LabelFilter left, LabelFilter right) implements LabelFilter {}

  /** {@code name="v"}, {@code !=}, {@code =~}, {@code !~}: a string matcher. */
  record StringFilter(Matcher matcher) implements LabelFilter {}

  /** {@code name >= 500}: the label's value parsed as a float. */
  record NumberFilter(String name, Comparison op, double value) implements LabelFilter {}

  /** {@code name > 10s}: the label's value parsed as a Go duration. */
  record DurationFilter(String name, Comparison op, long nanos) implements LabelFilter {}

  /** {@code name > 20MB}: the label's value parsed as a humanized byte size. */
  record BytesFilter(String name, Comparison op, long bytes) implements LabelFilter {}

  /** {@code name = ip("10.0.0.0/8")} or {@code !=}. */
  record IpFilter(String name, boolean equal, String pattern) implements LabelFilter {}

  /** Numeric comparison operators. */
  enum Comparison {
    EQ("=="),
    NEQ("!="),
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in LogQL ({@code =} is read as {@code ==}). */
    public String symbol() {
      return symbol;
    }
  }
}
