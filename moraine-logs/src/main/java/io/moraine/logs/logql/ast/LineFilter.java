package io.moraine.logs.logql.ast;

import java.util.List;

/**
 * A line filter: {@code |= "a"}, {@code != "a" or "b"}, {@code |~ "re"}, {@code !~ "re"}, {@code |>
 * "<_> pat"}, {@code !> "pat"}, {@code |= ip("10.0.0.0/8")}.
 *
 * @param op the operator
 * @param values the alternatives joined by {@code or}, at least one: a line passes a positive
 *     filter when any alternative matches, a negative one when none does
 */
public record LineFilter(LineFilterOp op, List<Value> values) implements Stage {
  public LineFilter {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a line filter needs a value");
    }
  }

  /**
   * One alternative.
   *
   * @param text the string, regex, pattern, or IP/CIDR/range (when {@code ip} is true)
   * @param ip whether it was written {@code ip("...")}
   */
  public record Value(String text, boolean ip) {}
}
