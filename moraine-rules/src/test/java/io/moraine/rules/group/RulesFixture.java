package io.moraine.rules.group;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.rules.file.AlertingRuleSpec;
import io.moraine.rules.file.Position;
import io.moraine.rules.file.RecordingRuleSpec;
import io.moraine.rules.file.RuleFile;
import io.moraine.rules.file.RuleGroupSpec;
import io.moraine.rules.file.RuleSpec;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.AlertStateChange;
import io.moraine.testkit.storage.ReferenceStorage;
import io.moraine.testkit.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A store, a manual clock, a manager over them, and what it sent and announced. */
final class RulesFixture {
  /** A second-aligned start time well after the epoch. */
  static final long T0 = 1_700_000_000_000L;

  static final long MIN = 60_000L;

  final ReferenceStorage store;
  final ManualClock clock = new ManualClock(T0);
  final MetricRegistry registry = new MetricRegistry();
  final List<List<Alert>> sent = new CopyOnWriteArrayList<>();
  final List<AlertStateChange> changes = new CopyOnWriteArrayList<>();
  final RuleManager manager;

  RulesFixture() {
    this(new ReferenceStorage());
  }

  RulesFixture(ReferenceStorage store) {
    this.store = store;
    this.manager = new RuleManager(options(Duration.ofMinutes(1)));
  }

  RuleManagerOptions options(Duration resendDelay) {
    return new RuleManagerOptions(
        new Engine(EngineOptions.DEFAULT),
        () -> store,
        () -> store,
        clock,
        Duration.ofMinutes(1),
        Duration.ZERO,
        Map.of("site", "edge-1"),
        "http://moraine:9700",
        Duration.ofHours(1),
        Duration.ofMinutes(10),
        resendDelay,
        sent::add,
        changes::add,
        registry);
  }

  /** Appends one sample and commits. */
  void put(Labels labels, long t, double v) {
    Appender a = store.appender();
    a.append(labels, t, v);
    a.commit();
  }

  /** Sets the clock to {@code t} and evaluates the group once at {@code t}. */
  void evalAt(String file, String group, long t) {
    clock.setMillis(t);
    manager.evaluate(file, group, t);
  }

  /** Every stored series with this metric name: labels → (time → value). */
  Map<Labels, TreeMap<Long, Double>> series(String metric) {
    Map<Labels, TreeMap<Long, Double>> out = new TreeMap<>();
    try (Querier q = store.querier(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq(Labels.METRIC_NAME, metric));
      SampleIterator it = null;
      while (set.next()) {
        TreeMap<Long, Double> points = new TreeMap<>();
        it = set.at().iterator(it);
        while (it.next()) {
          points.put(it.atT(), it.atV());
        }
        out.put(set.at().labels(), points);
      }
    }
    return out;
  }

  /** The value of {@code labels} at {@code t}; fails when there is none. */
  double valueAt(Labels labels, long t) {
    String metric = java.util.Objects.requireNonNull(labels.metricName());
    TreeMap<Long, Double> points = series(metric).get(labels);
    if (points == null || !points.containsKey(t)) {
      throw new AssertionError("no sample of " + labels + " at " + t + ": " + points);
    }
    return points.getOrDefault(t, Double.NaN);
  }

  static RuleFile file(String path, RuleGroupSpec... groups) {
    return new RuleFile(path, List.of(groups));
  }

  static RuleGroupSpec group(
      String name, @Nullable Duration interval, int limit, RuleSpec... rules) {
    return new RuleGroupSpec(name, interval, limit, null, List.of(rules), Position.UNKNOWN);
  }

  static RecordingRuleSpec record(String name, String expr, Map<String, String> labels) {
    return new RecordingRuleSpec(name, expr, labels, Position.UNKNOWN, Position.UNKNOWN);
  }

  static AlertingRuleSpec alert(
      String name,
      String expr,
      Duration forDuration,
      Duration keepFiringFor,
      Map<String, String> labels,
      Map<String, String> annotations) {
    return new AlertingRuleSpec(
        name,
        expr,
        forDuration,
        keepFiringFor,
        labels,
        annotations,
        Position.UNKNOWN,
        Position.UNKNOWN);
  }
}
