package io.moraine.rules.group;

import static io.moraine.rules.group.RulesFixture.MIN;
import static io.moraine.rules.group.RulesFixture.T0;
import static io.moraine.rules.group.RulesFixture.file;
import static io.moraine.rules.group.RulesFixture.group;
import static io.moraine.rules.group.RulesFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.rules.rule.RuleHealth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RecordingRulesTest {
  private static final Labels UP1 = Labels.of("__name__", "up", "job", "a", "instance", "1");
  private static final Labels UP2 = Labels.of("__name__", "up", "job", "a", "instance", "2");

  @Test
  void recordsRenamedRelabelledOutputsAndMarksVanishedSeriesStale() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(UP1, T0, 1);
    f.put(UP2, T0, 0);
    f.manager.update(
        List.of(
            file(
                "r.yml",
                group(
                    "g",
                    null,
                    0,
                    record("up_copy", "up", Map.of("env", "prod")),
                    record("job:up:sum", "sum by (job) (up)", Map.of())))));

    f.evalAt("r.yml", "g", T0 + 10_000);

    Labels copy1 = Labels.of("__name__", "up_copy", "env", "prod", "job", "a", "instance", "1");
    Labels copy2 = Labels.of("__name__", "up_copy", "env", "prod", "job", "a", "instance", "2");
    assertThat(f.series("up_copy"))
        .containsEntry(copy1, new TreeMap<>(Map.of(T0 + 10_000, 1.0)))
        .containsEntry(copy2, new TreeMap<>(Map.of(T0 + 10_000, 0.0)));
    assertThat(f.series("job:up:sum"))
        .containsEntry(
            Labels.of("__name__", "job:up:sum", "job", "a"),
            new TreeMap<>(Map.of(T0 + 10_000, 1.0)));

    // instance 2 stops reporting: past the 5m lookback only instance 1 is left.
    f.put(UP1, T0 + 6 * MIN, 1);
    f.evalAt("r.yml", "g", T0 + 6 * MIN + 10_000);

    assertThat(f.series("up_copy").get(copy2)).hasSize(2);
    assertThat(StaleNaN.isStale(f.valueAt(copy2, T0 + 6 * MIN + 10_000))).isTrue();
    assertThat(f.series("up_copy").get(copy1)).containsEntry(T0 + 6 * MIN + 10_000, 1.0);
    assertThat(f.manager.groups().getFirst().rules().getFirst().health()).isEqualTo(RuleHealth.OK);
  }

  @Test
  void queryOffsetEvaluatesAndWritesEarlier() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(UP1, T0, 1);
    f.put(UP1, T0 + MIN, 5);
    var g =
        new io.moraine.rules.file.RuleGroupSpec(
            "g",
            null,
            0,
            java.time.Duration.ofMinutes(1),
            List.of(record("shifted", "up", Map.of())),
            io.moraine.rules.file.Position.UNKNOWN);
    f.manager.update(List.of(file("r.yml", g)));
    f.evalAt("r.yml", "g", T0 + MIN + 30_000);
    // Evaluated at T0+30s (sees the sample at T0), written at that time.
    assertThat(f.series("shifted").values())
        .containsExactly(new TreeMap<>(Map.of(T0 + 30_000, 1.0)));
    assertThat(f.manager.groups().getFirst().queryOffsetMillis()).isEqualTo(MIN);
  }

  @Test
  void scalarResultIsOneSampleNamedByTheRule() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(
        List.of(file("r.yml", group("g", null, 0, record("two", "1 + 1", Map.of("k", "v"))))));
    f.evalAt("r.yml", "g", T0);
    assertThat(f.series("two"))
        .containsOnlyKeys(Labels.of("__name__", "two", "k", "v"))
        .containsValue(new TreeMap<>(Map.of(T0, 2.0)));
  }

  @Test
  void duplicateOutputLabelSetsFailTheRuleAndWriteNothing() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(UP1, T0, 1);
    f.put(UP2, T0, 0);
    f.manager.update(
        List.of(file("r.yml", group("g", null, 0, record("same", "up", Map.of("instance", "x"))))));
    f.evalAt("r.yml", "g", T0 + 1000);

    var rule = f.manager.groups().getFirst().rules().getFirst();
    assertThat(rule.health()).isEqualTo(RuleHealth.ERR);
    assertThat(rule.lastError())
        .isEqualTo("vector contains metrics with the same labelset after applying rule labels");
    assertThat(rule.lastEvaluationMillis()).isEqualTo(T0 + 1000);
    assertThat(f.series("same")).isEmpty();
  }

  @Test
  void limitFailsTheRuleWhenItHasMoreSeries() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(UP1, T0, 1);
    f.put(UP2, T0, 0);
    f.manager.update(
        List.of(
            file(
                "r.yml",
                group(
                    "g",
                    null,
                    1,
                    record("one", "up{instance=\"1\"}", Map.of()),
                    record("two", "up", Map.of())))));
    f.evalAt("r.yml", "g", T0 + 1000);

    var rules = f.manager.groups().getFirst().rules();
    assertThat(rules.get(0).health()).isEqualTo(RuleHealth.OK);
    assertThat(rules.get(1).health()).isEqualTo(RuleHealth.ERR);
    assertThat(rules.get(1).lastError()).isEqualTo("exceeded limit of 1 with 2 series");
    assertThat(f.series("one")).hasSize(1);
    assertThat(f.series("two")).isEmpty();
  }

  @Test
  void laterRulesSeeEarlierRulesOutputAtTheSameTimestamp() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(UP1, T0, 3);
    f.manager.update(
        List.of(
            file(
                "r.yml",
                group(
                    "g",
                    null,
                    0,
                    record("step1", "up * 2", Map.of()),
                    record("step2", "step1 + 1", Map.of())))));
    f.evalAt("r.yml", "g", T0 + 1000);
    assertThat(f.series("step2").values()).containsExactly(new TreeMap<>(Map.of(T0 + 1000, 7.0)));
  }

  @Test
  void queryErrorsMarkTheRuleBadAndCountFailures() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(
        List.of(file("r.yml", group("g", null, 0, record("s", "\"a string\"", Map.of())))));
    f.evalAt("r.yml", "g", T0);
    var rule = f.manager.groups().getFirst().rules().getFirst();
    assertThat(rule.health()).isEqualTo(RuleHealth.ERR);
    assertThat(rule.lastError()).isEqualTo("rule result is not a vector or scalar");
    assertThat(Metrics.text(f.registry))
        .contains("moraine_rule_evaluation_failures_total{rule_group=\"r.yml;g\"} 1")
        .contains("moraine_rule_evaluations_total{rule_group=\"r.yml;g\"} 1")
        .contains("moraine_rule_group_iterations_total{rule_group=\"r.yml;g\"} 1")
        .contains("moraine_rule_group_rules{rule_group=\"r.yml;g\"} 1")
        .contains("moraine_rule_group_interval_seconds{rule_group=\"r.yml;g\"} 60");
  }

  @Test
  void unparsableExpressionRejectsTheUpdateAndKeepsTheOldGroups() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(List.of(file("r.yml", group("g", null, 0, record("ok", "1", Map.of())))));
    assertThatThrownBy(
            () ->
                f.manager.update(
                    List.of(file("r.yml", group("h", null, 0, record("bad", "sum(", Map.of()))))))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageStartingWith("r.yml: group \"h\", rule \"bad\": ");
    assertThat(f.manager.groups()).extracting(GroupSnapshot::name).containsExactly("g");
  }
}
