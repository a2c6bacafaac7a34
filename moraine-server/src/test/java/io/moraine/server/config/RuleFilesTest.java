package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.rules.file.AlertingRuleSpec;
import io.moraine.rules.file.Position;
import io.moraine.rules.file.RecordingRuleSpec;
import io.moraine.rules.file.RuleChecker;
import io.moraine.rules.file.RuleError;
import io.moraine.rules.file.RuleFile;
import io.moraine.rules.file.RuleGroupSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code *.bad.yml} under {@code src/test/resources/rules} fails with exactly the errors in
 * its {@code .errors} file ({@code LINE:COLUMN: MESSAGE}, in order); every {@code *.good.yml}
 * passes; verdicts and rule counts agree with promtool 2.42's, recorded in {@code
 * promtool-verdicts.txt}.
 */
class RuleFilesTest {
  static Path dir() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(RuleFilesTest.class.getResource("/rules")).toURI());
  }

  static List<Path> files(String suffix) throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  static List<Path> badFiles() throws Exception {
    return files(".bad.yml");
  }

  static List<Path> goodFiles() throws Exception {
    return files(".good.yml");
  }

  @Test
  void thereAreFilesOfBothKinds() throws Exception {
    assertThat(badFiles()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(goodFiles()).hasSizeGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileFailsWithItsErrors(Path file) throws Exception {
    String name = file.getFileName().toString();
    Path expected = file.resolveSibling(name.replace(".yml", ".errors"));
    List<String> actual =
        RuleFileLoader.read(file).errors().stream()
            .peek(e -> assertThat(e.file()).isEqualTo(file.toString()))
            .map(e -> e.line() + ":" + e.column() + ": " + e.message())
            .toList();
    assertThat(actual).containsExactlyElementsOf(Files.readAllLines(expected));
    assertThatThrownBy(() -> RuleFileLoader.load(List.of(name), dir()))
        .isInstanceOfSatisfying(
            RuleFileException.class, e -> assertThat(e.errors()).hasSize(actual.size()))
        .hasMessageStartingWith(file + ":");
  }

  @ParameterizedTest
  @MethodSource("goodFiles")
  void goodFilePasses(Path file) {
    assertThat(RuleFileLoader.read(file).errors()).isEmpty();
  }

  @Test
  void verdictsAndCountsAgreeWithPromtool() throws Exception {
    List<String> lines = Files.readAllLines(dir().resolve("promtool-verdicts.txt"));
    int compared = 0;
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      RuleChecker.Result r = RuleFileLoader.read(dir().resolve(f[0]));
      if (f[0].equals("expr-type.bad.yml")) {
        // the one deliberate difference: promtool accepts a range-vector rule that cannot evaluate
        assertThat(r.errors()).hasSize(1);
        continue;
      }
      assertThat(r.errors().isEmpty() ? "SUCCESS" : "FAILED").as(f[0]).isEqualTo(f[1]);
      if (f[1].equals("SUCCESS")) {
        assertThat(r.ruleCount()).as(f[0]).isEqualTo(Integer.parseInt(f[2]));
      }
      compared++;
    }
    assertThat(compared).isGreaterThanOrEqualTo(22);
  }

  @Test
  void goodFileBindsEveryField() throws Exception {
    RuleChecker.Result r = RuleFileLoader.read(dir().resolve("full.good.yml"));
    RuleFile file = r.file();
    assertThat(file.groups()).extracting(RuleGroupSpec::name).containsExactly("api", "other");
    RuleGroupSpec api = file.groups().getFirst();
    assertThat(api.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(api.limit()).isEqualTo(100);
    assertThat(api.queryOffset()).isNull();
    assertThat(api.position()).isEqualTo(new Position(2, 5));
    assertThat(file.groups().get(1).interval()).isNull();
    RecordingRuleSpec rec = (RecordingRuleSpec) api.rules().get(0);
    assertThat(rec.record()).isEqualTo("job:requests:rate5m");
    assertThat(rec.expr()).startsWith("sum by (job) (\n  rate(requests_total[5m])");
    assertThat(rec.labels()).containsExactly(java.util.Map.entry("team", "web"));
    assertThat(rec.position()).isEqualTo(new Position(6, 9));
    assertThat(rec.exprPosition()).isEqualTo(new Position(7, 15));
    AlertingRuleSpec alert = (AlertingRuleSpec) api.rules().get(1);
    assertThat(alert.forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(alert.keepFiringFor()).isEqualTo(Duration.ofMinutes(10));
    assertThat(alert.annotations()).containsKeys("summary", "value");
    assertThat(r.ruleCount()).isEqualTo(4);
  }

  @Test
  void queryOffsetAndAliasesAreAccepted(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("r.yml");
    Files.writeString(
        f,
        """
        groups:
          - name: a
            query_offset: 1m
            rules:
              - record: x
                expr: up
                labels: &common
                  team: web
              - record: y
                expr: up
                labels: *common
        """);
    RuleChecker.Result r = RuleFileLoader.read(f);
    assertThat(r.errors()).isEmpty();
    assertThat(r.file().groups().getFirst().queryOffset()).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.file().groups().getFirst().rules().get(1).labels()).containsKey("team");
  }

  @Test
  void loadExpandsGlobsRelativeToBase(@TempDir Path tmp) throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.copy(dir().resolve("full.good.yml"), rules.resolve("b.yml"));
    Files.copy(dir().resolve("null-rule.good.yml"), rules.resolve("a.yml"));
    Files.writeString(rules.resolve("c.txt"), "not rules");
    List<RuleFile> loaded =
        RuleFileLoader.load(List.of("rules/*.yml", "nothing/*.yml", "rules/b.yml"), tmp);
    assertThat(loaded)
        .extracting(RuleFile::path)
        .containsExactly(rules.resolve("a.yml").toString(), rules.resolve("b.yml").toString());
    assertThat(RuleFileLoader.load(List.of(), tmp)).isEmpty();
  }

  @Test
  void loadListsEveryErrorOfEveryFile(@TempDir Path tmp) throws Exception {
    Files.copy(dir().resolve("many.bad.yml"), tmp.resolve("1.yml"));
    Files.copy(dir().resolve("record-name.bad.yml"), tmp.resolve("2.yml"));
    Files.writeString(tmp.resolve("3.yml"), "groups: [");
    assertThatThrownBy(() -> RuleFileLoader.load(List.of("*.yml", "[x"), tmp))
        .isInstanceOfSatisfying(
            RuleFileException.class,
            e -> {
              assertThat(e.errors()).hasSize(1 + 7 + 1 + 1);
              assertThat(e.errors().getFirst().message()).contains("syntax error in pattern");
              assertThat(e.errors().getLast().file()).endsWith("3.yml");
              assertThat(e.errors().getLast().message()).startsWith("invalid YAML");
            });
  }

  @Test
  void unreadableFileIsOneError(@TempDir Path tmp) {
    Path missing = tmp.resolve("missing.yml");
    assertThat(RuleFileLoader.read(missing).errors())
        .containsExactly(new RuleError(missing.toString(), 0, 0, "cannot read: no such file"));
  }

  @Test
  void configBindsRuleFilesAndRuleSettings(@TempDir Path tmp) throws Exception {
    MoraineConfig c =
        ConfigLoader.parse(
            """
            global:
              evaluation_interval: 15s
              rule_query_offset: 30s
            rule_files:
              - rules/*.yml
              - /etc/abs.yml
            """,
            tmp.resolve("p.yml"),
            tmp);
    assertThat(c.rules())
        .isEqualTo(
            new RulesConfig(
                List.of(tmp.resolve("rules/*.yml").toString(), "/etc/abs.yml"), 15_000, 30_000));
    assertThat(c.ignored()).isEmpty();
    assertThat(ConfigLoader.parse("{}", tmp.resolve("p.yml"), tmp).rules())
        .isEqualTo(RulesConfig.DEFAULT);
    assertThatThrownBy(() -> ConfigLoader.parse("rule_files: ['a[']\n", tmp.resolve("p.yml"), tmp))
        .hasMessage("config file " + tmp.resolve("p.yml") + ":1:14: invalid rule file path \"a[\"");
  }
}
