package io.moraine.rules.rule;

import io.moraine.promql.ast.Expr;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
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
public sealed interface Rule permits RecordingRule, AlertingRule {
  /** The recorded metric name or the alert name. */
  String name();

  /** The parsed expression. */
  Expr expr();

  /** The expression as Prometheus prints it (the API's {@code query}). */
  String query();

  /** The rule's labels as written, in file order (templates for alerting rules). */
  Map<String, String> labels();

  /** The outcome of the last evaluation. */
  RuleStatus status();

  /** Records the outcome of an evaluation; called by the group that evaluates the rule. */
  void setStatus(RuleStatus status);

  /**
   * Evaluates the rule once.
   *
   * @return the samples to append, stamped {@link EvalRequest#queryTimeMillis()}; owned by the
   *     caller
   * @throws RuleEvalException when the query fails or the output breaks a rule (duplicate label
   *     sets, the limit)
   */
  List<Sample> eval(EvalRequest request) throws RuleEvalException;

  /**
   * Whether {@code other} is the same rule as configured: same kind, name, printed expression,
   * labels, and for alerting rules annotations, {@code for} and {@code keep_firing_for}.
   */
  boolean sameDefinition(Rule other);

  /**
   * The key that matches a rule with its predecessor across a reload: its name and its labels, as
   * Prometheus matches them.
   */
  default String identity() {
    return name() + new java.util.TreeMap<>(labels());
  }

  /**
   * Builds a rule from its specification.
   *
   * @param alerting what alerting rules' templates see besides the alert ({@code $externalLabels},
   *     {@code $externalURL}) and whether their state counts as restored
   * @throws ParseException when the expression does not parse, with the position within it
   */
  static Rule of(RuleSpec spec, AlertingRule.Environment alerting) {
    Expr expr = Parser.parse(spec.expr());
    return switch (spec) {
      case RecordingRuleSpec r -> new RecordingRule(r, expr);
      case AlertingRuleSpec a -> new AlertingRule(a, expr, alerting);
    };
  }
}
