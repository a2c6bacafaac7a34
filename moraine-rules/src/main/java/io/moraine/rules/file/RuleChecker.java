package io.moraine.rules.file;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
import io.moraine.rules.template.GoTemplates;
import io.moraine.rules.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of Prometheus 2.42's rule-file format ({@code rulefmt}) with promtool's messages, in
 * its order: per group an empty or repeated name; per rule {@code record} versus {@code alert},
 * {@code expr} present and valid PromQL, the fields a recording rule may not have, the recorded
 * metric name, label and annotation names and values, and the templates of alerting rules. One
 * check goes further than promtool: a rule's expression must be an instant vector or a scalar, the
 * only results Prometheus can evaluate (it fails such rules at every evaluation instead). Every
 * error is collected, none stops the others. Stateless and thread-safe.
 */
public final class RuleChecker {
  private RuleChecker() {}

  /**
   * A validated file.
   *
   * @param file the groups with the rules that have a valid shape (use it only when {@code errors}
   *     is empty)
   * @param errors every problem found, in promtool's order
   */
  public record Result(RuleFile file, List<RuleError> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    /** The number of rules, as promtool's {@code SUCCESS: N rules found} counts them. */
    public int ruleCount() {
      return file.groups().stream().mapToInt(g -> g.rules().size()).sum();
    }
  }

  /** Validates a file as written and builds its model. */
  public static Result validate(RuleFileSource source) {
    List<RuleError> errors = new ArrayList<>();
    List<RuleGroupSpec> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (RuleFileSource.Group g : source.groups()) {
      if (g.name().isEmpty()) {
        errors.add(RuleError.at(source.path(), g.position(), "Groupname must not be empty"));
      }
      if (!names.add(g.name())) {
        errors.add(
            RuleError.at(
                source.path(),
                g.position(),
                "groupname: \"" + g.name() + "\" is repeated in the same file"));
      }
      List<RuleSpec> rules = new ArrayList<>();
      for (int i = 0; i < g.rules().size(); i++) {
        RuleCheck check = new RuleCheck(source.path(), g.name(), i + 1, g.rules().get(i));
        RuleSpec spec = check.run();
        errors.addAll(check.errors);
        if (spec != null) {
          rules.add(spec);
        }
      }
      groups.add(
          new RuleGroupSpec(
              g.name(), g.interval(), g.limit(), g.queryOffset(), rules, g.position()));
    }
    return new Result(new RuleFile(source.path(), groups), errors);
  }

  /** Checks a file built in code (positions are the rules' own); empty when it is valid. */
  public static List<RuleError> check(RuleFile file) {
    List<RuleFileSource.Group> groups = new ArrayList<>();
    for (RuleGroupSpec g : file.groups()) {
      List<RuleFileSource.Rule> rules = new ArrayList<>();
      for (RuleSpec r : g.rules()) {
        rules.add(source(r));
      }
      groups.add(
          new RuleFileSource.Group(
              g.name(), g.interval(), g.limit(), g.queryOffset(), rules, g.position()));
    }
    return validate(new RuleFileSource(file.path(), groups)).errors();
  }

  private static RuleFileSource.Rule source(RuleSpec r) {
    Position p = r.position();
    RuleFileSource.Text name = new RuleFileSource.Text(r.name(), p);
    RuleFileSource.Text expr = new RuleFileSource.Text(r.expr(), r.exprPosition());
    return switch (r) {
      case RecordingRuleSpec rec ->
          new RuleFileSource.Rule(
              name, null, expr, Duration.ZERO, Duration.ZERO, texts(rec.labels(), p), Map.of(), p);
      case AlertingRuleSpec a ->
          new RuleFileSource.Rule(
              null,
              name,
              expr,
              a.forDuration(),
              a.keepFiringFor(),
              texts(a.labels(), p),
              texts(a.annotations(), p),
              p);
    };
  }

  private static Map<String, RuleFileSource.Text> texts(Map<String, String> m, Position p) {
    Map<String, RuleFileSource.Text> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, new RuleFileSource.Text(v, p)));
    return out;
  }

  /** The checks of one rule; collects its errors. */
  private static final class RuleCheck {
    private final String file;
    private final String prefix;
    private final RuleFileSource.Rule rule;
    private final String record;
    private final String alert;
    private final List<RuleError> errors = new ArrayList<>();

    RuleCheck(String file, String group, int number, RuleFileSource.Rule rule) {
      this.file = file;
      this.rule = rule;
      this.record = rule.record() == null ? "" : rule.record().value();
      this.alert = rule.alert() == null ? "" : rule.alert().value();
      String name = alert.isEmpty() ? record : alert;
      this.prefix =
          "group " + GoQuote.quote(group) + ", rule " + number + ", " + GoQuote.quote(name) + ": ";
    }

    /** Runs every check; returns the rule's model when its shape is valid. */
    @Nullable RuleSpec run() {
      Position recordAt = position(rule.record());
      if (!record.isEmpty() && !alert.isEmpty()) {
        error(recordAt, "only one of 'record' and 'alert' must be set");
      }
      if (record.isEmpty() && alert.isEmpty()) {
        error(rule.position(), "one of 'record' or 'alert' must be set");
      }
      String expr = rule.expr() == null ? "" : rule.expr().value();
      Position exprAt = rule.expr() == null ? rule.position() : rule.expr().position();
      if (expr.isEmpty()) {
        error(exprAt, "field 'expr' must be set in rule");
      } else {
        checkExpr(expr, exprAt);
      }
      if (!record.isEmpty()) {
        checkRecording(recordAt);
      }
      checkLabels();
      if (!alert.isEmpty()) {
        checkTemplates("label", rule.labels());
        checkTemplates("annotation", rule.annotations());
      }
      return spec(expr, exprAt);
    }

    private void checkExpr(String expr, Position at) {
      Expr parsed;
      try {
        parsed = Parser.parse(expr);
      } catch (ParseException e) {
        error(at, "could not parse expression: " + e.getMessage());
        return;
      }
      ValueType type = parsed.type();
      if (type != ValueType.VECTOR && type != ValueType.SCALAR) {
        error(
            at,
            "invalid expression type "
                + GoQuote.quote(type == ValueType.MATRIX ? "range vector" : type.docName())
                + ": a rule's expression must be an instant vector or a scalar");
      }
    }

    private void checkRecording(Position at) {
      if (!rule.annotations().isEmpty()) {
        error(at, "invalid field 'annotations' in recording rule");
      }
      if (!rule.forDuration().isZero()) {
        error(at, "invalid field 'for' in recording rule");
      }
      if (!rule.keepFiringFor().isZero()) {
        error(at, "invalid field 'keep_firing_for' in recording rule");
      }
      if (!LabelValidation.isValidMetricName(record)) {
        error(at, "invalid recording rule name: " + record);
      }
    }

    private void checkLabels() {
      rule.labels()
          .forEach(
              (name, value) -> {
                if (!LabelValidation.isValidLabelName(name) || name.equals(Labels.METRIC_NAME)) {
                  error(value.position(), "invalid label name: " + name);
                }
                if (!LabelValidation.isValidUtf16(value.value())) {
                  error(value.position(), "invalid label value: " + value.value());
                }
              });
      rule.annotations()
          .forEach(
              (name, value) -> {
                if (!LabelValidation.isValidLabelName(name)) {
                  error(value.position(), "invalid annotation name: " + name);
                }
              });
    }

    private void checkTemplates(String kind, Map<String, RuleFileSource.Text> texts) {
      texts.forEach(
          (name, text) -> {
            try {
              GoTemplates.check("__alert_" + alert, text.value());
            } catch (TemplateException e) {
              error(text.position(), kind + " " + GoQuote.quote(name) + ": " + e.getMessage());
            }
          });
    }

    private @Nullable RuleSpec spec(String expr, Position exprAt) {
      if (!record.isEmpty() && alert.isEmpty()) {
        return new RecordingRuleSpec(record, expr, values(rule.labels()), rule.position(), exprAt);
      }
      if (!alert.isEmpty() && record.isEmpty()) {
        return new AlertingRuleSpec(
            alert,
            expr,
            rule.forDuration(),
            rule.keepFiringFor(),
            values(rule.labels()),
            values(rule.annotations()),
            rule.position(),
            exprAt);
      }
      return null;
    }

    private Position position(RuleFileSource.@Nullable Text t) {
      return t == null ? rule.position() : t.position();
    }

    private void error(Position at, String reason) {
      errors.add(RuleError.at(file, at, prefix + reason));
    }

    private static Map<String, String> values(Map<String, RuleFileSource.Text> texts) {
      Map<String, String> out = new LinkedHashMap<>();
      texts.forEach((k, v) -> out.put(k, v.value()));
      return out;
    }
  }
}
