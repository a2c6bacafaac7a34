package io.moraine.rules.rule;

import io.moraine.promql.ast.Expr;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
import io.moraine.promql.parser.Printer;
import io.moraine.promql.value.Sample;
import io.moraine.rules.file.AlertingRuleSpec;
import io.moraine.rules.file.RecordingRuleSpec;
import io.moraine.rules.file.RuleSpec;
import java.util.List;
import java.util.Map;

/**
 * One rule of a group, with its expression parsed once. Thread-safe: a group evaluates its rules on
 * one thread at a time while the API reads their status from others.
 */
public abstract sealed class Rule permits RecordingRule, AlertingRule {
  private final RuleSpec spec;
  private final Expr expr;
  private final String query;
  private volatile RuleStatus status = RuleStatus.NEVER;

  Rule(RuleSpec spec, Expr expr) {
    this.spec = spec;
    this.expr = expr;
    this.query = Printer.print(expr);
  }

  /** The recorded metric name or the alert name. */
  public final String name() {
    return spec.name();
  }

  /** The parsed expression. */
  public final Expr expr() {
    return expr;
  }

  /** The expression as Prometheus prints it (the API's {@code query}). */
  public final String query() {
    return query;
  }

  /** The rule's labels as written, in file order (templates for alerting rules). */
  public final Map<String, String> labels() {
    return spec.labels();
  }

  /** The outcome of the last evaluation. */
  public final RuleStatus status() {
    return status;
  }

  /** Records the outcome of an evaluation; called by the group that evaluates the rule. */
  public final void setStatus(RuleStatus status) {
    this.status = status;
  }

  /**
   * Evaluates the rule once.
   *
   * @return the samples to append, stamped {@link EvalRequest#queryTimeMillis()}; owned by the
   *     caller
   * @throws RuleEvalException when the query fails or the output breaks a rule (duplicate label
   *     sets, the limit)
   */
  public abstract List<Sample> eval(EvalRequest request) throws RuleEvalException;

  /**
   * Whether {@code other} is the same rule as configured: same kind, name, printed expression,
   * labels, and for alerting rules annotations, {@code for} and {@code keep_firing_for}.
   */
  public boolean sameDefinition(Rule other) {
    return other.getClass() == getClass()
        && other.name().equals(name())
        && other.query.equals(query)
        && other.labels().equals(labels());
  }

  /**
   * The key that matches a rule with its predecessor across a reload: its name and its labels, as
   * Prometheus matches them.
   */
  public final String identity() {
    return name() + new java.util.TreeMap<>(labels());
  }

  /**
   * Builds a rule from its specification.
   *
   * @param alerting what alerting rules' templates see besides the alert ({@code $externalLabels},
   *     {@code $externalURL}) and whether their state counts as restored
   * @throws ParseException when the expression does not parse, with the position within it
   */
  public static Rule of(RuleSpec spec, AlertingRule.Environment alerting) {
    Expr expr = Parser.parse(spec.expr());
    return switch (spec) {
      case RecordingRuleSpec r -> new RecordingRule(r, expr);
      case AlertingRuleSpec a -> new AlertingRule(a, expr, alerting);
    };
  }
}
