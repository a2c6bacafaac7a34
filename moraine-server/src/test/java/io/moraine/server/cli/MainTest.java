package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.server.backfill.ImportException;
import io.moraine.server.backfill.ImportResult;
import io.moraine.server.backfill.OpenMetricsImporter;
import io.moraine.server.store.InMemoryStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line without a running server: usage errors, help, version, import. */
class MainTest {
  @TempDir Path tmp = Path.of("");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(OpenMetricsImporter importer, boolean interactive, String... args) {
    Main main =
        new Main(
            new Engines((s, r) -> new InMemoryStorage(), importer),
            action -> {},
            rt -> {},
            () -> interactive);
    return main.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private int run(String... args) {
    return run((f, d, p) -> new ImportResult(0, 0, 0, 0, 0), false, args);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "server --no-such-flag | moraine: Unknown option: '--no-such-flag'",
        "server --retention.time 15x | moraine: Invalid value for option '--retention.time':"
            + " not a valid duration string: \"15x\"",
        "server --retention.size 10XB | moraine: Invalid value for option '--retention.size':"
            + " unknown unit \"XB\" in size \"10XB\" (use B, KB, MB, GB, TB, PB or EB)",
        "server --listen 9700 | moraine: Invalid value for option '--listen':"
            + " invalid listen address \"9700\": missing port",
        "server --query.timeout 2x | moraine: Invalid value for option '--query.timeout':"
            + " not a valid duration string: \"2x\"",
        "server --query.timeout 0s | moraine: --query.timeout must be positive",
        "server --query.max-concurrency 0 | moraine: --query.max-concurrency must be positive",
        "server --query.max-samples -1 | moraine: --query.max-samples must be positive",
        "server --query.max-samples many | moraine: Invalid value for option"
            + " '--query.max-samples': 'many' is not a long",
        "server --query.lookback-delta 0 | moraine: --query.lookback-delta must be positive",
        "frobnicate | moraine: Unmatched argument at index 0: 'frobnicate'",
        "import | moraine: missing format: moraine import openmetrics FILE",
        "import openmetrics | moraine: Missing required parameter: 'FILE'",
        "promql-test | moraine: Missing required parameter: 'FILE'",
      })
  void usageErrorsAreOneLineWithExitCode2(String args, String message) {
    assertThat(run(args.split(" "))).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(message + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void promqlTestReportsFailuresAndExitsByOutcome() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.test"), "load 1m\n  up 1\n\nclear\n");
    assertThat(run("promql-test", empty.toString())).isZero();
    assertThat(out.toString().lines())
        .containsExactly(empty + ": 0 passed, 0 failed", "0 passed, 0 failed");

    out.getBuffer().setLength(0);
    Path wrong = Files.writeString(tmp.resolve("wrong.test"), "eval instant at 0 1\n  2\n");
    assertThat(run("promql-test", empty.toString(), wrong.toString())).isEqualTo(1);
    assertThat(out.toString().lines())
        .hasSize(4)
        .contains(wrong + ": 0 passed, 1 failed", "0 passed, 1 failed")
        .anySatisfy(l -> assertThat(l).startsWith(wrong + ":1: eval instant at 0 1: "));
    assertThat(err.toString()).isEmpty();

    out.getBuffer().setLength(0);
    Path bad = Files.writeString(tmp.resolve("bad.test"), "load 1m\n  up 1 2x\n");
    assertThat(run("promql-test", bad.toString(), tmp.resolve("nope.test").toString()))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "moraine: " + bad + ":2: column 8: invalid repetition in series values: \"\"",
            "moraine: " + tmp.resolve("nope.test") + ": no such file");
    assertThat(out.toString().lines()).containsExactly("0 passed, 0 failed");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).startsWith("moraine: missing command");
  }

  @Test
  void versionAndHelpGoToStdout() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("moraine dev (java 25");
    out.getBuffer().setLength(0);
    assertThat(run("server", "--help")).isZero();
    assertThat(out.toString())
        .contains("--listen=ADDR", "--data=DIR", "--config=FILE", "--retention.time=DURATION")
        .contains("--retention.size=SIZE", "Default: 127.0.0.1:9700");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void badConfigFileIsExit2WithPosition() throws Exception {
    Path cfg = tmp.resolve("moraine.yml");
    Files.writeString(cfg, "storage:\n  tsdb:\n    colour: red\n");
    assertThat(run("server", "--config", cfg.toString(), "--listen", "127.0.0.1:0")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "moraine: config file "
                + cfg
                + ":3:5: unknown field \"colour\" in storage.tsdb"
                + System.lineSeparator());
  }

  @Test
  void importPrintsASummary() throws Exception {
    Path file = Files.writeString(tmp.resolve("in.om"), "up 1 1000\n# EOF\n");
    List<Path> seen = new ArrayList<>();
    OpenMetricsImporter importer =
        (f, d, p) -> {
          seen.add(f);
          seen.add(d);
          p.progress(18, 18, 1);
          return new ImportResult(1, 1, 1, 1_000_000, 1_000_000);
        };
    int code = run(importer, false, "import", "openmetrics", file.toString(), "--data", "out");
    assertThat(code).isZero();
    assertThat(seen).containsExactly(file, Path.of("out"));
    assertThat(out.toString())
        .matches(
            "imported 1 samples of 1 series into 1 block from 1970-01-01T00:16:40Z to"
                + " 1970-01-01T00:16:40Z in \\d+\\.\\d{3}s\\R");
    assertThat(err.toString()).as("no progress bar without a terminal").isEmpty();
  }

  @Test
  void importShowsProgressOnATerminal() throws Exception {
    Path file = Files.writeString(tmp.resolve("in.om"), "up 1 1000\n# EOF\n");
    OpenMetricsImporter importer =
        (f, d, p) -> {
          p.progress(9, 18, 1);
          p.progress(18, 18, 2);
          return new ImportResult(2, 1, 1, 0, 1000);
        };
    assertThat(run(importer, true, "import", "openmetrics", file.toString())).isZero();
    assertThat(err.toString()).contains("\r100% [").endsWith("\r");
    assertThat(out.toString()).startsWith("imported 2 samples");
  }

  @Test
  void badImportLineIsExit2WithFileAndLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("in.om"), "up 1 1000\nup{ 2\n");
    OpenMetricsImporter importer =
        (f, d, p) -> {
          throw new ImportException(2, "expected label name, got \"2\"");
        };
    assertThat(run(importer, false, "import", "openmetrics", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "moraine: " + file + ":2: expected label name, got \"2\"" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void missingImportFileIsExit2() {
    Path file = tmp.resolve("absent.om");
    assertThat(run("import", "openmetrics", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("moraine: " + file + ": no such file" + System.lineSeparator());
  }
}
