package io.moraine.rules.group;

import static io.moraine.rules.group.RulesFixture.MIN;
import static io.moraine.rules.group.RulesFixture.T0;
import static io.moraine.rules.group.RulesFixture.alert;
import static io.moraine.rules.group.RulesFixture.file;
import static io.moraine.rules.group.RulesFixture.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.AlertState;
import io.moraine.rules.notify.AlertStateChange;
import io.moraine.rules.rule.AlertSnapshot;
import io.moraine.rules.rule.RuleHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertingRulesTest {
  private static final Labels LOAD = Labels.of("__name__", "load", "host", "a");
  private static final Labels ALERT =
      Labels.of("alertname", "HighLoad", "host", "a", "severity", "page");
  private static final Labels FIRING_SERIES =
      Labels.of(
          "__name__",
          "ALERTS",
          "alertname",
          "HighLoad",
          "alertstate",
          "firing",
          "host",
          "a",
          "severity",
          "page");
  private static final Labels FOR_STATE =
      Labels.of(
          "__name__", "ALERTS_FOR_STATE", "alertname", "HighLoad", "host", "a", "severity", "page");

  private static RulesFixture lifecycleFixture() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(
        List.of(
            file(
                "a.yml",
                group(
                    "alerts",
                    null,
                    0,
                    alert(
                        "HighLoad",
                        "load > 1",
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(1),
                        Map.of("severity", "page"),
                        Map.of("summary", "load is high")),
                    alert(
                        "LongLoad",
                        "load > 1",
                        Duration.ofMinutes(30),
                        Duration.ZERO,
                        Map.of(),
                        Map.of())))));
    return f;
  }

  /** Load 2 until T0+3m, 0 from T0+4m; the group evaluates every minute. */
  private static void run(RulesFixture f, int firstMinute, int lastMinute) {
    for (int m = firstMinute; m <= lastMinute; m++) {
      f.put(LOAD, T0 + m * MIN, m <= 3 ? 2 : 0);
      f.evalAt("a.yml", "alerts", T0 + m * MIN);
    }
  }

  private static AlertSnapshot onlyAlert(RulesFixture f, String rule) {
    return f.manager.groups().getFirst().rules().stream()
        .filter(r -> r.name().equals(rule))
        .findFirst()
        .orElseThrow()
        .alerts()
        .getFirst();
  }

  @Test
  void pendingThenFiringAfterFor() throws Exception {
    RulesFixture f = lifecycleFixture();
    run(f, 0, 1);
    AlertSnapshot a = onlyAlert(f, "HighLoad");
    assertThat(a.state()).isEqualTo(AlertState.PENDING);
    assertThat(a.labels()).isEqualTo(ALERT);
    assertThat(a.annotations()).containsExactlyEntriesOf(Map.of("summary", "load is high"));
    assertThat(a.activeAtMillis()).isEqualTo(T0);
    assertThat(a.value()).isEqualTo(2.0);
    // Before the state is restored (after the second evaluation) no ALERTS series are written.
    assertThat(f.series("ALERTS")).isEmpty();
    assertThat(f.sent).isEmpty();

    run(f, 2, 2);
    assertThat(onlyAlert(f, "HighLoad").state()).isEqualTo(AlertState.FIRING);
    assertThat(f.valueAt(FIRING_SERIES, T0 + 2 * MIN)).isEqualTo(1.0);
    assertThat(f.valueAt(FOR_STATE, T0 + 2 * MIN)).isEqualTo(T0 / 1000.0);
    Labels longPending =
        Labels.of(
            "__name__", "ALERTS", "alertname", "LongLoad", "alertstate", "pending", "host", "a");
    assertThat(f.valueAt(longPending, T0 + 2 * MIN)).isEqualTo(1.0);
    assertThat(f.manager.groups().getFirst().rules().getFirst().state()).isEqualTo("firing");
  }

  @Test
  void keepFiringForThenResolvedAndRetained() throws Exception {
    RulesFixture f = lifecycleFixture();
    run(f, 0, 4);
    AlertSnapshot kept = onlyAlert(f, "HighLoad");
    assertThat(kept.state()).isEqualTo(AlertState.FIRING);
    assertThat(kept.keepFiringSinceMillis()).isEqualTo(T0 + 4 * MIN);
    assertThat(f.valueAt(FIRING_SERIES, T0 + 4 * MIN)).isEqualTo(1.0);
    assertThat(f.manager.alerts()).extracting(AlertSnapshot::labels).containsExactly(ALERT);

    run(f, 5, 5);
    assertThat(f.manager.alerts()).isEmpty();
    assertThat(f.manager.groups().getFirst().rules().getFirst().state()).isEqualTo("inactive");
    assertThat(StaleNaN.isStale(f.valueAt(FIRING_SERIES, T0 + 5 * MIN))).isTrue();
    assertThat(StaleNaN.isStale(f.valueAt(FOR_STATE, T0 + 5 * MIN))).isTrue();

    List<AlertStateChange> high = f.changes.stream().filter(c -> c.labels().equals(ALERT)).toList();
    assertThat(high)
        .extracting(AlertStateChange::state, AlertStateChange::timeMillis)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertState.PENDING, T0),
            org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, T0 + 2 * MIN),
            org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, T0 + 5 * MIN));
    assertThat(high).allSatisfy(c -> assertThat(c.activeAtMillis()).isEqualTo(T0));
  }

  @Test
  void sendsFiringAlertsWithResendDelayAndResolvedOnesForFifteenMinutes() throws Exception {
    RulesFixture f = lifecycleFixture();
    run(f, 0, 22);
    List<Alert> high =
        f.sent.stream().flatMap(List::stream).filter(a -> a.labels().equals(ALERT)).toList();
    // Sent at 2m (fired), 4m (resend delay passed), 5m (resolved), then every 2m while retained
    // (lastSent + 1m must be before now), and not after the 15m retention (gone at 21m).
    assertThat(high)
        .extracting(Alert::endsAtMillis)
        .containsExactly(
            T0 + 6 * MIN,
            T0 + 8 * MIN,
            T0 + 5 * MIN,
            T0 + 5 * MIN,
            T0 + 5 * MIN,
            T0 + 5 * MIN,
            T0 + 5 * MIN,
            T0 + 5 * MIN,
            T0 + 5 * MIN,
            T0 + 5 * MIN);
    assertThat(high).allSatisfy(a -> assertThat(a.startsAtMillis()).isEqualTo(T0 + 2 * MIN));
    assertThat(high.getFirst().annotations()).containsEntry("summary", "load is high");
    assertThat(high.getFirst().generatorUrl())
        .isEqualTo("http://moraine:9700/graph?g0.expr=load+%3E+1&g0.tab=1");
    // Pending alerts are never sent.
    assertThat(f.sent.stream().flatMap(List::stream))
        .noneMatch(a -> "LongLoad".equals(a.labels().get("alertname")));
  }

  @Test
  void resendTimingFollowsValidUntilRule() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(
        List.of(
            file(
                "a.yml",
                group(
                    "g",
                    Duration.ofSeconds(30),
                    0,
                    alert("Up", "vector(1)", Duration.ZERO, Duration.ZERO, Map.of(), Map.of())))));
    for (int i = 0; i <= 4; i++) {
      f.evalAt("a.yml", "g", T0 + i * 30_000L);
    }
    // Fires at once (for 0): sent at 0s; 30s and 60s are not past lastSent + 1m; 90s is.
    assertThat(f.sent).hasSize(2);
    assertThat(f.sent.get(0).getFirst().endsAtMillis()).isEqualTo(T0 + 4 * MIN);
    assertThat(f.sent.get(1).getFirst().startsAtMillis()).isEqualTo(T0);
    assertThat(f.sent.get(1).getFirst().endsAtMillis()).isEqualTo(T0 + 90_000 + 4 * MIN);
  }

  @Test
  void limitOnAlertsFailsTheRuleAndDropsItsAlerts() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(Labels.of("__name__", "load", "host", "a"), T0, 2);
    f.put(Labels.of("__name__", "load", "host", "b"), T0, 2);
    f.manager.update(
        List.of(
            file(
                "a.yml",
                group(
                    "g",
                    null,
                    1,
                    alert("L", "load > 1", Duration.ZERO, Duration.ZERO, Map.of(), Map.of())))));
    f.evalAt("a.yml", "g", T0);
    var rule = f.manager.groups().getFirst().rules().getFirst();
    assertThat(rule.health()).isEqualTo(RuleHealth.ERR);
    assertThat(rule.lastError()).isEqualTo("exceeded limit of 1 with 2 alerts");
    assertThat(rule.alerts()).isEmpty();
  }

  @Test
  void duplicateAlertLabelSetsFailTheRule() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(Labels.of("__name__", "load", "host", "a"), T0, 2);
    f.put(Labels.of("__name__", "load", "host", "b"), T0, 2);
    f.manager.update(
        List.of(
            file(
                "a.yml",
                group(
                    "g",
                    null,
                    0,
                    alert(
                        "L",
                        "load > 1",
                        Duration.ZERO,
                        Duration.ZERO,
                        Map.of("host", "x"),
                        Map.of())))));
    f.evalAt("a.yml", "g", T0);
    assertThat(f.manager.groups().getFirst().rules().getFirst().lastError())
        .isEqualTo("vector contains metrics with the same labelset after applying alert labels");
  }

  @Test
  void expandsLabelAndAnnotationTemplates() throws Exception {
    RulesFixture f = new RulesFixture();
    f.put(LOAD, T0, 2.5);
    f.manager.update(
        List.of(
            file(
                "a.yml",
                group(
                    "g",
                    null,
                    0,
                    alert(
                        "L",
                        "load > 1",
                        Duration.ZERO,
                        Duration.ZERO,
                        Map.of("where", "{{ $labels.host }}-{{ $externalLabels.site }}"),
                        Map.of(
                            "summary", "load {{ $value }} on {{ $labels.host }}",
                            "count", "{{ query \"count(load)\" | first | value }}"))))));
    f.evalAt("a.yml", "g", T0);
    AlertSnapshot a = f.manager.alerts().getFirst();
    assertThat(a.labels().get("where")).isEqualTo("a-edge-1");
    assertThat(a.annotations())
        .containsEntry("summary", "load 2.5 on a")
        .containsEntry("count", "1");
  }
}
