package io.moraine.promql.parser;

import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.Expr;
import java.util.List;
import java.util.Objects;

/**
 * Parses PromQL text into an {@link Expr}, as Prometheus 2.42's parser does: the same language, the
 * same tree (signed number literals folded, the metric name as a leading {@code __name__} matcher,
 * vector matching resolved), and the same first error with its position. Thread-safe (no shared
 * state).
 */
public final class Parser {
  private Parser() {}

  /**
   * Parses a whole expression and type-checks it. A top-level expression may be of any type.
   *
   * @throws ParseException naming the position and reason, as Prometheus words it
   */
  public static Expr parse(String query) {
    Objects.requireNonNull(query, "query");
    try {
      ExprParser p = new ExprParser(query);
      Expr e = p.parseQuery();
      new Checker(p).check(e);
      return e;
    } catch (StackOverflowError e) {
      throw tooDeep();
    }
  }

  /**
   * Moraine's one limit beyond Prometheus's: nesting deep enough to exhaust the thread's stack
   * (thousands of levels) is refused as a parse error rather than failing the request.
   */
  private static ParseException tooDeep() {
    return new ParseException(1, 1, "expression nested too deeply");
  }

  /**
   * Parses a series selector such as {@code up{job="x"}} or {@code {__name__=~"a.*"}}, as the HTTP
   * API's {@code match[]} (Prometheus's {@code ParseMetricSelector}): nothing but one vector
   * selector, without offset or {@code @}. Like Prometheus it does not require a non-empty matcher;
   * the caller checks that.
   *
   * @return the matchers, the metric name's {@code __name__} matcher first
   * @throws ParseException when the text is not exactly one vector selector
   */
  public static List<Matcher> parseSelector(String selector) {
    Objects.requireNonNull(selector, "selector");
    try {
      return new ExprParser(selector).parseSelectorOnly().matchers();
    } catch (StackOverflowError e) {
      throw tooDeep();
    }
  }

  /**
   * Parses a duration as Prometheus's {@code model.ParseDuration}: {@code 1h30m}, {@code 5m},
   * {@code 1y}, {@code 2w}, {@code 10ms}; units {@code y w d h m s ms}, in that order, each at most
   * once; a bare {@code 0} is allowed.
   *
   * @return milliseconds
   * @throws IllegalArgumentException with Prometheus's message, e.g. {@code not a valid duration
   *     string: "1x"}
   */
  public static long parseDuration(String duration) {
    Objects.requireNonNull(duration, "duration");
    return Literals.parseDuration(duration);
  }
}
