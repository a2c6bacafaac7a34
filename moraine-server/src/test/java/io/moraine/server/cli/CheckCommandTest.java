package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.server.backfill.ImportResult;
import io.moraine.server.store.InMemoryStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code moraine check rules|config}: promtool 2.42's output and exit codes. */
class CheckCommandTest {
  @TempDir Path tmp = Path.of("");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    Main main =
        new Main(
            new Engines(
                (s, r) -> new InMemoryStorage(), (f, d, p) -> new ImportResult(0, 0, 0, 0, 0)),
            action -> {},
            rt -> {},
            () -> false);
    return main.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private static final String GOOD =
      """
      groups:
        - name: g
          rules:
            - record: a
              expr: sum(up)
            - alert: B
              expr: up == 0
      """;

  private static final String BAD =
      """
      groups:
        - name: g
          rules:
            - record: a-b
              expr: up
      """;

  @Test
  void goodRulesPass() throws Exception {
    Path f = write("good.yml", GOOD);
    assertThat(run("check", "rules", f.toString())).isZero();
    assertThat(out).hasToString("Checking " + f + "\n  SUCCESS: 2 rules found\n\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void oneBadFileFailsTheRun() throws Exception {
    Path good = write("good.yml", GOOD);
    Path bad = write("bad.yml", BAD);
    assertThat(run("check", "rules", bad.toString(), good.toString())).isEqualTo(1);
    assertThat(out)
        .hasToString("Checking " + bad + "\n\nChecking " + good + "\n  SUCCESS: 2 rules found\n\n");
    assertThat(err)
        .hasToString(
            "  FAILED:\n"
                + bad
                + ":4:17: group \"g\", rule 1, \"a-b\": invalid recording rule name: a-b\n");
  }

  @Test
  void missingFileIsAUsageError() {
    assertThat(run("check", "rules", tmp.resolve("nope.yml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
    assertThat(run("check", "rules")).isEqualTo(2);
    assertThat(run("check")).isEqualTo(2);
  }

  @Test
  void configChecksTheRuleFilesItNames() throws Exception {
    write("rules/a.yml", GOOD);
    Path bad = write("rules/b.yml", BAD);
    Path config =
        write("prom.yml", "rule_files:\n  - rules/*.yml\n  - none/*.yml\nscrape_configs: []\n");
    assertThat(run("check", "config", config.toString())).isEqualTo(1);
    assertThat(out)
        .hasToString(
            "Checking "
                + config
                + "\n  SUCCESS: 2 rule files found\n SUCCESS: "
                + config
                + " is valid prometheus config file syntax\n\nChecking "
                + tmp.resolve("rules/a.yml")
                + "\n  SUCCESS: 2 rules found\n\nChecking "
                + bad
                + "\n\n");
    assertThat(err.toString()).startsWith("  FAILED:\n     " + bad + ":4:17: group \"g\"");
  }

  @Test
  void configWithoutRuleFilesAndBadConfigs() throws Exception {
    Path ok = write("ok.yml", "global:\n  evaluation_interval: 30s\n");
    assertThat(run("check", "config", ok.toString())).isZero();
    assertThat(out)
        .hasToString(
            "Checking " + ok + "\n SUCCESS: " + ok + " is valid prometheus config file syntax\n\n");
    Path missing = write("missing.yml", "rule_files: [gone.yml]\n");
    assertThat(run("check", "config", missing.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "  FAILED: \"" + tmp.resolve("gone.yml") + "\" does not point to an existing file");
    Path broken = write("broken.yml", "global:\n  foo: 1\n");
    assertThat(run("check", "config", broken.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("  FAILED: config file " + broken + ":2:3: unknown field");
  }
}
