package io.moraine.rules.group;

import static io.moraine.rules.group.RulesFixture.MIN;
import static io.moraine.rules.group.RulesFixture.T0;
import static io.moraine.rules.group.RulesFixture.alert;
import static io.moraine.rules.group.RulesFixture.file;
import static io.moraine.rules.group.RulesFixture.group;
import static io.moraine.rules.group.RulesFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.rules.file.RuleFile;
import io.moraine.rules.rule.AlertSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreAndReloadTest {
  private static final Labels LOAD = Labels.of("__name__", "load", "host", "a");

  private static List<RuleFile> alertFiles(Duration forDuration) {
    return List.of(
        file(
            "a.yml",
            group(
                "g",
                null,
                0,
                alert("Slow", "load > 1", forDuration, Duration.ZERO, Map.of(), Map.of()))));
  }

  private static void evalMinutes(RulesFixture f, int from, int to) {
    for (int m = from; m <= to; m++) {
      f.put(LOAD, T0 + m * MIN, 2);
      f.evalAt("a.yml", "g", T0 + m * MIN);
    }
  }

  /** Runs a first manager 0..5m, then a new one over the reopened store from 10m. */
  private static AlertSnapshot restoredAfterRestart(Duration forDuration) throws Exception {
    RulesFixture before = new RulesFixture();
    before.manager.update(alertFiles(forDuration));
    evalMinutes(before, 0, 5);
    assertThat(before.manager.alerts().getFirst().activeAtMillis()).isEqualTo(T0);
    before.manager.close();

    RulesFixture after = new RulesFixture(before.store.reopened());
    after.manager.update(alertFiles(forDuration));
    evalMinutes(after, 10, 11); // restored after the second evaluation, at 11m
    return after.manager.alerts().getFirst();
  }

  @Test
  void restartShiftsActiveAtByTheDowntime() throws Exception {
    // for 30m: 5m spent pending before going down at 5m, 25m left (>= 10m grace): activeAt moves
    // by the downtime, 11m - 5m.
    AlertSnapshot a = restoredAfterRestart(Duration.ofMinutes(30));
    assertThat(a.activeAtMillis()).isEqualTo(T0 + 6 * MIN);
  }

  @Test
  void restartWithinGracePeriodFiresAfterTheGracePeriod() throws Exception {
    // for 12m: 7m left, less than the 10m grace: it fires 10m after the restore at 11m.
    AlertSnapshot a = restoredAfterRestart(Duration.ofMinutes(12));
    assertThat(a.activeAtMillis()).isEqualTo(T0 + 11 * MIN + 10 * MIN - 12 * MIN);
  }

  @Test
  void forShorterThanGracePeriodIsNotRestored() throws Exception {
    AlertSnapshot a = restoredAfterRestart(Duration.ofMinutes(3));
    assertThat(a.activeAtMillis()).isEqualTo(T0 + 10 * MIN);
  }

  @Test
  void reloadOfAChangedGroupKeepsAlertsAndStalesRemovedRules() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(
        List.of(
            file(
                "a.yml",
                group(
                    "g",
                    null,
                    0,
                    alert(
                        "Slow",
                        "load > 1",
                        Duration.ofMinutes(30),
                        Duration.ZERO,
                        Map.of(),
                        Map.of()),
                    record("gone", "load", Map.of())))));
    evalMinutes(f, 0, 2);

    f.manager.update(
        List.of(
            file(
                "a.yml",
                group(
                    "g",
                    Duration.ofSeconds(30),
                    0,
                    alert(
                        "Slow",
                        "load > 1",
                        Duration.ofMinutes(30),
                        Duration.ZERO,
                        Map.of(),
                        Map.of())))));
    evalMinutes(f, 3, 3);

    assertThat(f.manager.groups().getFirst().intervalMillis()).isEqualTo(30_000);
    assertThat(f.manager.alerts()).extracting(AlertSnapshot::activeAtMillis).containsExactly(T0);
    Labels gone = Labels.of("__name__", "gone", "host", "a");
    assertThat(f.valueAt(gone, T0 + 2 * MIN)).isEqualTo(2.0);
    assertThat(StaleNaN.isStale(f.valueAt(gone, T0 + 3 * MIN))).isTrue();
  }

  @Test
  void reloadOfAnUnchangedGroupKeepsTheSameGroup() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(alertFiles(Duration.ofMinutes(30)));
    evalMinutes(f, 0, 1);
    long last = f.manager.groups().getFirst().lastEvaluationMillis();
    f.manager.update(alertFiles(Duration.ofMinutes(30)));
    assertThat(f.manager.groups().getFirst().lastEvaluationMillis()).isEqualTo(last);
    assertThat(f.manager.alerts()).extracting(AlertSnapshot::activeAtMillis).containsExactly(T0);
  }

  @Test
  void removedGroupMarksItsOutputsStaleTwoIntervalsLater() throws Exception {
    RulesFixture f = new RulesFixture();
    f.manager.update(
        List.of(
            file(
                "r.yml", group("g", Duration.ofMillis(100), 0, record("copy", "load", Map.of())))));
    f.put(LOAD, T0, 1);
    f.evalAt("r.yml", "g", T0);
    Labels copy = Labels.of("__name__", "copy", "host", "a");
    assertThat(f.valueAt(copy, T0)).isEqualTo(1.0);

    f.clock.setMillis(T0 + 1000);
    f.manager.update(List.of());
    assertThat(f.manager.groups()).isEmpty();
    f.clock.setMillis(T0 + 1200); // two intervals later
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(f.series("copy").get(copy)).hasSize(2));
    assertThat(StaleNaN.isStale(f.valueAt(copy, T0 + 1000))).isTrue();
  }
}
