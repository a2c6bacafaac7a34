package io.moraine.rules.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The conventions of the default rule pack that promtool does not check: what every alert carries,
 * its runbook, and its promtool unit tests (run by {@link DefaultRulePackPromtoolTest}).
 */
class DefaultRulePackTest {
  private static final String RUNBOOK_BASE =
      "https://github.com/moraine-io/moraine/blob/main/docs/runbooks.md#";

  @Test
  void shipsOnTheClasspath() throws IOException {
    try (InputStream in =
        getClass().getResourceAsStream("/io/moraine/rules/pack/default-rules.yml")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(RulePackFiles.PACK));
    }
  }

  @Test
  void everyAlertHasSeveritySummaryDescriptionAndItsRunbook() throws IOException {
    Map<String, String> alerts = RulePackFiles.alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(20);
    alerts.forEach(
        (name, rule) -> {
          assertThat(rule).as(name).containsPattern("\\n\\s+severity: (critical|warning)\\n");
          assertThat(rule)
              .as(name)
              .containsPattern("\\n\\s+summary: .*\\{\\{ \\$(labels\\.|value)");
          assertThat(rule).as(name).containsPattern("\\n\\s+description: ");
          assertThat(rule.substring(rule.indexOf("description:")))
              .as(name)
              .contains("{{ $value | humanize");
          assertThat(rule)
              .as(name)
              .contains("runbook_url: " + RUNBOOK_BASE + name.toLowerCase(Locale.ROOT) + "\n");
        });
  }

  @Test
  void everyAlertHasARunbookSectionAndNothingElseDoes() throws IOException {
    Set<String> sections = new TreeSet<>();
    for (String line : Files.readAllLines(RulePackFiles.RUNBOOKS)) {
      if (line.startsWith("## ")) {
        sections.add(line.substring(3).strip());
      }
    }
    assertThat(sections).isEqualTo(new TreeSet<>(RulePackFiles.alerts().keySet()));
  }

  @Test
  void everyAlertIsTestedFiringAndSilent() throws IOException {
    List<Map.Entry<String, Boolean>> cases = RulePackFiles.alertCases();
    Set<String> alerts = RulePackFiles.alerts().keySet();
    Set<String> firing = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    for (Map.Entry<String, Boolean> c : cases) {
      assertThat(alerts).as("alert named in a unit test").contains(c.getKey());
      (c.getValue() ? firing : silent).add(c.getKey());
    }
    assertThat(firing).as("alerts tested firing").isEqualTo(new TreeSet<>(alerts));
    assertThat(silent).as("alerts tested silent").isEqualTo(new TreeSet<>(alerts));
  }

  @Test
  void theEnergyBudgetIsARecordingRuleUsersCanOverride() throws IOException {
    String pack = Files.readString(RulePackFiles.PACK);
    assertThat(pack)
        .contains("- record: moraine:site_energy_budget_watts\n        expr: vector(5000)\n");
    assertThat(RulePackFiles.alerts().get("SiteEnergyOverBudget"))
        .contains("> moraine:site_energy_budget_watts");
  }
}
