package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Queryable;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.rules.file.RuleChecker;
import io.moraine.rules.file.RuleFile;
import io.moraine.rules.group.GroupSnapshot;
import io.moraine.rules.group.RuleManager;
import io.moraine.rules.group.RuleManagerOptions;
import io.moraine.rules.group.RuleSnapshot;
import io.moraine.testkit.storage.ReferenceStorage;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kube-prometheus' rule files (the node_exporter mixin among them), kept unchanged as test data in
 * moraine-rules, load through Moraine's loader with every rule and template, and every rule
 * evaluates without an error.
 */
class UpstreamRuleFilesTest {
  private static final Path DIR =
      Path.of("../moraine-rules/src/test/resources/io/moraine/rules/upstream/kube-prometheus");
  private static final Pattern RULE = Pattern.compile("(?m)^\\s*(- )?(alert|record):");

  private static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".rules.yml")).sorted().toList();
    }
  }

  @Test
  void everyFileLoadsWithAllItsRules() throws IOException {
    List<Path> files = files();
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    int total = 0;
    for (Path f : files) {
      RuleChecker.Result r = RuleFileLoader.read(f);
      assertThat(r.errors()).as(f.toString()).isEmpty();
      long expected = RULE.matcher(Files.readString(f)).results().count();
      assertThat((long) r.ruleCount()).as(f.toString()).isEqualTo(expected);
      total += r.ruleCount();
    }
    assertThat(total).isGreaterThan(100);
  }

  @Test
  void everyRuleEvaluatesWithoutAnError() throws Exception {
    List<RuleFile> files = RuleFileLoader.load(List.of(DIR + "/*.rules.yml"), Path.of("."));
    ReferenceStorage store = new ReferenceStorage();
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    RuleManager m =
        new RuleManager(
            RuleManagerOptions.defaults(
                new Engine(EngineOptions.DEFAULT),
                () -> (Queryable) store,
                () -> (Appendable) store,
                clock,
                new MetricRegistry()));
    m.update(files);
    for (GroupSnapshot g : m.groups()) {
      m.evaluate(g.file(), g.name(), clock.nowMillis());
    }
    int rules = 0;
    for (GroupSnapshot g : m.groups()) {
      for (RuleSnapshot r : g.rules()) {
        assertThat(r.lastError()).as(g.name() + "/" + r.name()).isNull();
        assertThat(r.health().apiName()).as(g.name() + "/" + r.name()).isEqualTo("ok");
        rules++;
      }
    }
    assertThat(rules).isGreaterThan(100);
    m.close();
  }
}
