package io.moraine.rules.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.moraine.rules.Promtool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default rule pack against the real Prometheus 2.42 {@code promtool}: it passes {@code check
 * rules} with every lint made fatal, and its unit tests (every alert firing on broken synthetic
 * series, silent on healthy ones) pass {@code test rules}. Run with {@code -Pinterop}.
 */
@Tag("interop")
class DefaultRulePackPromtoolTest {
  @BeforeEach
  void needsPromtool() {
    assumeTrue(Promtool.installed(), "needs " + Promtool.PATH);
  }

  @Test
  void passesCheckRulesWithFatalLints() throws IOException, InterruptedException {
    Promtool.Result r =
        Promtool.run(
            Path.of("."),
            "check",
            "rules",
            "--lint=all",
            "--lint-fatal",
            RulePackFiles.PACK.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("SUCCESS: " + RulePackFiles.ruleCount() + " rules found")
        .doesNotContain("FAILED");
  }

  @Test
  void passesItsUnitTests() throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    List<Path> files = RulePackFiles.testFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (Path f : files) {
      args.add(f.getFileName().toString());
    }

    Promtool.Result r = Promtool.run(RulePackFiles.TESTS, args.toArray(String[]::new));

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).doesNotContain("FAILED");
    for (Path f : files) {
      assertThat(r.output()).contains("Unit Testing:  " + f.getFileName() + "\n  SUCCESS");
    }
  }
}
