package io.moraine.rules.group;

import static io.moraine.rules.group.RulesFixture.file;
import static io.moraine.rules.group.RulesFixture.group;
import static io.moraine.rules.group.RulesFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.testkit.storage.ReferenceStorage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotsTest {
  @Test
  void offsetIsStableWithinTheIntervalAndSpreadsGroups() {
    long interval = 60_000;
    long a = Slots.offset("rules/a.yml", "node", interval);
    assertThat(Slots.offset("rules/a.yml", "node", interval)).isEqualTo(a);
    assertThat(a).isBetween(0L, interval - 1);
    Set<Long> offsets = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      offsets.add(Slots.offset("rules/a.yml", "group-" + i, interval));
    }
    assertThat(offsets.size()).isGreaterThan(45);
  }

  @Test
  void slotIsTheLastAlignedTimeAtOrBeforeNow() {
    long interval = 60_000;
    long offset = 17_345;
    long now = 1_700_000_033_000L;
    long slot = Slots.slotAtOrBefore(now, offset, interval);
    assertThat(slot).isLessThanOrEqualTo(now).isGreaterThan(now - interval);
    assertThat(Math.floorMod(slot - offset, interval)).isZero();
    assertThat(Slots.slotAtOrBefore(slot, offset, interval)).isEqualTo(slot);
    assertThat(Slots.slotAtOrBefore(slot - 1, offset, interval)).isEqualTo(slot - interval);
  }

  @Test
  void missedCountsWholeSkippedIntervals() {
    assertThat(Slots.missed(1_000 + 60_000, 1_000, 60_000)).isZero();
    assertThat(Slots.missed(1_000 + 119_999, 1_000, 60_000)).isZero();
    assertThat(Slots.missed(1_000 + 180_000, 1_000, 60_000)).isEqualTo(2);
  }

  @Test
  void startedManagerEvaluatesAtAlignedSlots() throws Exception {
    ReferenceStorage store = new ReferenceStorage();
    MetricRegistry registry = new MetricRegistry();
    RuleManagerOptions opts =
        RuleManagerOptions.defaults(
            new Engine(EngineOptions.DEFAULT), () -> store, () -> store, Clock.SYSTEM, registry);
    try (RuleManager m = new RuleManager(opts)) {
      m.update(
          List.of(
              file(
                  "t.yml",
                  group("fast", Duration.ofMillis(50), 0, record("one", "vector(1)", Map.of())))));
      m.start();
      RulesFixture view = new RulesFixture(store);
      Labels one = Labels.of("__name__", "one");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> view.series("one").getOrDefault(one, new java.util.TreeMap<>()).size() >= 3);
      long offset = Slots.offset("t.yml", "fast", 50);
      assertThat(view.series("one").getOrDefault(one, new java.util.TreeMap<>()).keySet())
          .allSatisfy(t -> assertThat(Math.floorMod(t - offset, 50L)).isZero());
      assertThat(m.groups().getFirst().lastEvaluationMillis()).isPositive();
    }
    assertThat(Metrics.text(registry))
        .contains("moraine_rule_group_iterations_total{rule_group=\"t.yml;fast\"}");
  }
}
