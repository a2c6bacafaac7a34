package io.moraine.rules.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.moraine.rules.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upstream rule files kept as test data (kube-prometheus and its rendered mixins, see the
 * README beside them) are valid Prometheus 2.42 rule files: the real {@code promtool check rules}
 * accepts each and finds every rule in it. Run with {@code -Pinterop}.
 */
@Tag("interop")
class UpstreamRuleFilesPromtoolTest {
  private static final Path DIR = Path.of("src/test/resources/io/moraine/rules/upstream");
  private static final Pattern RULE = Pattern.compile("^\\s+(- )?(alert|record): \\S.*$");

  static List<Path> ruleFiles() throws IOException {
    try (Stream<Path> files = Files.walk(DIR)) {
      return files.filter(p -> p.toString().endsWith(".rules.yml")).sorted().toList();
    }
  }

  @Test
  void keepsTheKubePrometheusFilesAndTheNodeMixin() throws IOException {
    assertThat(ruleFiles()).hasSize(8);
    assertThat(Files.readString(DIR.resolve("kube-prometheus/nodeExporter.rules.yml")))
        .contains("- name: node-exporter\n")
        .contains("- name: node-exporter.rules\n");
  }

  @ParameterizedTest
  @MethodSource("ruleFiles")
  void passesCheckRules(Path file) throws IOException, InterruptedException {
    assumeTrue(Promtool.installed(), "needs " + Promtool.PATH);
    long rules = Files.readAllLines(file).stream().filter(l -> RULE.matcher(l).matches()).count();
    assertThat(rules).isPositive();

    // Lints off: kubernetes-mixin records one name from four rules that differ in a filter, a
    // finding promtool 2.42 reports but does not fail on (README).
    Promtool.Result r =
        Promtool.run(Path.of("."), "check", "rules", "--lint=none", file.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + rules + " rules found");

    Promtool.Result withLints = Promtool.run(Path.of("."), "check", "rules", file.toString());
    assertThat(withLints.exitCode()).as(withLints.output()).isZero();
  }
}
