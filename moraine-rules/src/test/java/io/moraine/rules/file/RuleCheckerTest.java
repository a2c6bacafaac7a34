package io.moraine.rules.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RuleCheckerTest {
  private static final Position RULE = new Position(4, 7);
  private static final Position NAME = new Position(4, 15);
  private static final Position EXPR = new Position(5, 15);

  private static RuleFileSource.Text text(String v, Position p) {
    return new RuleFileSource.Text(v, p);
  }

  private static RuleFileSource.Rule rule(
      @Nullable String record, @Nullable String alert, @Nullable String expr) {
    return new RuleFileSource.Rule(
        record == null ? null : text(record, NAME),
        alert == null ? null : text(alert, new Position(4, 14)),
        expr == null ? null : text(expr, EXPR),
        Duration.ZERO,
        Duration.ZERO,
        Map.of(),
        Map.of(),
        RULE);
  }

  private static RuleChecker.Result validate(RuleFileSource.Rule... rules) {
    return RuleChecker.validate(
        new RuleFileSource(
            "r.yml",
            List.of(
                new RuleFileSource.Group("g", null, 0, null, List.of(rules), new Position(2, 5)))));
  }

  private static List<String> errors(RuleFileSource.Rule... rules) {
    return validate(rules).errors().stream().map(RuleError::toString).toList();
  }

  @Test
  void validRulesBecomeSpecs() {
    RuleFileSource.Rule alert =
        new RuleFileSource.Rule(
            null,
            text("Down", NAME),
            text("up == 0", EXPR),
            Duration.ofMinutes(5),
            Duration.ZERO,
            Map.of("severity", text("page", new Position(8, 11))),
            Map.of("summary", text("{{ $labels.instance }} down", new Position(10, 11))),
            RULE);
    RuleChecker.Result r = validate(rule("job:up:sum", null, "sum by (job) (up)"), alert);
    assertThat(r.errors()).isEmpty();
    assertThat(r.ruleCount()).isEqualTo(2);
    List<RuleSpec> rules = r.file().groups().getFirst().rules();
    assertThat(rules.get(0))
        .isEqualTo(new RecordingRuleSpec("job:up:sum", "sum by (job) (up)", Map.of(), RULE, EXPR));
    assertThat(rules.get(1))
        .isInstanceOfSatisfying(
            AlertingRuleSpec.class,
            a -> {
              assertThat(a.alert()).isEqualTo("Down");
              assertThat(a.forDuration()).isEqualTo(Duration.ofMinutes(5));
              assertThat(a.labels()).containsEntry("severity", "page");
              assertThat(a.annotations()).containsKey("summary");
            });
    assertThat(RuleChecker.check(r.file())).isEmpty();
  }

  @Test
  void recordAndAlertTogetherOrNeither() {
    assertThat(errors(rule("Hi", "Hello", "1")))
        .containsExactly(
            "r.yml:4:15: group \"g\", rule 1, \"Hello\": only one of 'record' and 'alert' must"
                + " be set");
    assertThat(errors(rule(null, null, "1")))
        .containsExactly(
            "r.yml:4:7: group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set");
    assertThat(validate(rule("Hi", "Hello", "1")).file().groups().getFirst().rules()).isEmpty();
  }

  @Test
  void expressionMissingOrInvalid() {
    assertThat(errors(rule("ylo", null, null)))
        .containsExactly(
            "r.yml:4:7: group \"g\", rule 1, \"ylo\": field 'expr' must be set in rule");
    assertThat(errors(rule("yolo", null, "rate(hi)")))
        .containsExactly(
            "r.yml:5:15: group \"g\", rule 1, \"yolo\": could not parse expression: 1:6: parse"
                + " error: expected type range vector in call to function \"rate\", got instant"
                + " vector");
  }

  @Test
  void expressionMustBeVectorOrScalar() {
    assertThat(errors(rule("a", null, "up[5m]")))
        .containsExactly(
            "r.yml:5:15: group \"g\", rule 1, \"a\": invalid expression type \"range vector\": a"
                + " rule's expression must be an instant vector or a scalar");
    assertThat(errors(rule(null, "A", "\"foo\"")))
        .singleElement()
        .asString()
        .contains("invalid expression type \"string\"");
    assertThat(errors(rule("a", null, "1"), rule(null, "B", "vector(1)"))).isEmpty();
  }

  @Test
  void recordingRuleFieldsAndName() {
    RuleFileSource.Rule bad =
        new RuleFileSource.Rule(
            text("strawberry{flavor=\"sweet\"}", NAME),
            null,
            text("1", EXPR),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Map.of(),
            Map.of("summary", text("x", new Position(9, 11))),
            RULE);
    String p = "r.yml:4:15: group \"g\", rule 1, \"strawberry{flavor=\\\"sweet\\\"}\": ";
    assertThat(errors(bad))
        .containsExactly(
            p + "invalid field 'annotations' in recording rule",
            p + "invalid field 'for' in recording rule",
            p + "invalid field 'keep_firing_for' in recording rule",
            p + "invalid recording rule name: strawberry{flavor=\"sweet\"}");
  }

  @Test
  void labelAndAnnotationNames() {
    RuleFileSource.Rule bad =
        new RuleFileSource.Rule(
            null,
            text("hola", NAME),
            text("1", EXPR),
            Duration.ZERO,
            Duration.ZERO,
            Map.of("__name__", text("x", new Position(7, 11))),
            Map.of("ins-tance", text("localhost", new Position(9, 11))),
            RULE);
    assertThat(errors(bad))
        .containsExactly(
            "r.yml:7:11: group \"g\", rule 1, \"hola\": invalid label name: __name__",
            "r.yml:9:11: group \"g\", rule 1, \"hola\": invalid annotation name: ins-tance");
  }

  @Test
  void groupNamesEmptyAndRepeated() {
    RuleFileSource.Group a =
        new RuleFileSource.Group("", null, 0, null, List.of(), new Position(2, 5));
    RuleFileSource.Group b =
        new RuleFileSource.Group("", null, 0, null, List.of(), new Position(5, 5));
    List<String> errors =
        RuleChecker.validate(new RuleFileSource("n.yml", List.of(a, b))).errors().stream()
            .map(RuleError::toString)
            .toList();
    assertThat(errors)
        .containsExactly(
            "n.yml:2:5: Groupname must not be empty",
            "n.yml:5:5: Groupname must not be empty",
            "n.yml:5:5: groupname: \"\" is repeated in the same file");
  }

  @Test
  void errorWithoutPositionHasNoNumbers() {
    assertThat(RuleError.at("f.yml", Position.UNKNOWN, "boom")).hasToString("f.yml: boom");
  }
}
