package io.moraine.promql.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner over {@link FakeFrontend}: what passes, what fails and how it is reported. */
class ScriptRunnerTest {
  private static final String LOAD =
      String.join("\n", "load 1m", "  m{i=\"a\"} 0+1x10", "  m{i=\"b\"} 10 _ 12 stale", "", "");

  @TempDir Path tmp = Path.of("");

  private final FakeFrontend fake = new FakeFrontend();
  private final ScriptRunner runner = new ScriptRunner(fake);

  private FileResult run(String... lines) {
    return runner.run("t.test", LOAD + String.join("\n", lines) + "\n");
  }

  /** The one case of a script; its failure, or null when it passed. */
  private String onlyFailure(String... lines) {
    FileResult r = run(lines);
    assertThat(r.cases()).hasSize(1);
    CaseResult c = r.cases().getFirst();
    return c.passed() ? "passed" : r.describe(c);
  }

  @Test
  void correctExpectationsPass() {
    FileResult r =
        run(
            "eval instant at 2m m",
            "  m{i=\"a\"} 2",
            "  m{i=\"b\"} 12",
            "",
            "eval_ordered instant at 2m m",
            "  m{i=\"a\"} 2",
            "  m{i=\"b\"} 12",
            "",
            "# the stale marker at 3m ends series b",
            "eval instant at 3m m{i=\"b\"}",
            "",
            "eval instant at 1m m{i=\"b\"}",
            "  m{i=\"b\"} 10",
            "",
            "eval instant at 0 42",
            "  42",
            "",
            "eval instant at 30s time()",
            "  30",
            "",
            "eval_fail instant at 0 fail()",
            "",
            "clear",
            "eval instant at 2m m",
            "");
    assertThat(r.failures()).isEmpty();
    assertThat(r.passed()).isEqualTo(8);
    assertThat(r.summary()).isEqualTo("t.test: 8 passed, 0 failed");
  }

  @Test
  void aWrongValueNamesFileLineExpressionExpectedAndGot() {
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  m{i=\"a\"} 3"))
        .isEqualTo("t.test:5: eval instant at 2m m{i=\"a\"}: expected 3 for m{i=\"a\"} but got 2");
  }

  @Test
  void valuesNeedOnlyBeRelativelyClose() {
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  m{i=\"a\"} 2.0000000001"))
        .isEqualTo("passed");
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  m{i=\"a\"} 2.00001"))
        .contains("expected 2.00001 for m{i=\"a\"} but got 2");
  }

  @Test
  void missingAndUnexpectedSeriesFail() {
    assertThat(onlyFailure("eval instant at 2m m", "  m{i=\"a\"} 2"))
        .contains("unexpected metric m{i=\"b\"} in result [m{i=\"a\"} 2, m{i=\"b\"} 12]");
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  m{i=\"a\"} 2", "  m{i=\"c\"} 2"))
        .contains("expected metric m{i=\"c\"} with [2] not found");
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  {i=\"a\"} 2"))
        .as("the metric name is part of the labels")
        .contains("unexpected metric m{i=\"a\"}");
  }

  @Test
  void orderMattersOnlyForOrderedEvals() {
    fake.reverseOrder = true;
    String[] expected = {"  m{i=\"a\"} 2", "  m{i=\"b\"} 12"};
    assertThat(onlyFailure(concat("eval instant at 2m m", expected))).isEqualTo("passed");
    assertThat(onlyFailure(concat("eval_ordered instant at 2m m", expected)))
        .contains("expected metric m{i=\"b\"} at position 2 but it was at 1");
  }

  @Test
  void expectedFailuresMustFailWithAQueryError() {
    assertThat(onlyFailure("eval_fail instant at 2m m{i=\"a\"}"))
        .contains("expected an error but got vector [m{i=\"a\"} 2]");
    assertThat(onlyFailure("eval_fail instant at 2m crash()"))
        .as("an engine bug is no expected error")
        .contains("the engine threw IllegalStateException: BUG: fake engine crashed");
    assertThat(onlyFailure("eval instant at 2m fail()")).contains("error evaluating: boom");
    assertThat(onlyFailure("eval instant at 2m fail()", "  expect fail msg: boom"))
        .isEqualTo("passed");
    assertThat(onlyFailure("eval instant at 2m fail()", "  expect fail regex: ^bang"))
        .contains("expected error /^bang/ but got \"boom\"");
  }

  @Test
  void anExpressionThatDoesNotParseFailsOnlyItsCase() {
    FileResult r = run("eval instant at 2m (", "", "eval instant at 0 1", "  1");
    assertThat(r.cases()).extracting(CaseResult::passed).containsExactly(false, true);
    assertThat(r.describe(r.cases().getFirst()))
        .isEqualTo(
            "t.test:5: eval instant at 2m (: cannot parse the expression: 1:1: parse error: fake"
                + " parser cannot read (");
  }

  @Test
  void scalarsAndVectorsAreNotInterchangeable() {
    assertThat(onlyFailure("eval instant at 0 1", "  {} 1"))
        .contains("expected a vector but got scalar 1");
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  2"))
        .contains("expected scalar 2 but got vector [m{i=\"a\"} 2]");
    assertThat(onlyFailure("eval instant at 0 \"s\"")).contains("unexpected string result \"s\"");
    assertThat(onlyFailure("eval instant at 0 \"s\"", "  expect string \"s\"")).isEqualTo("passed");
  }

  @Test
  void aMatrixFromAnInstantQueryFailsUnlessARangeVectorIsExpected() {
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}[2m]", "  m{i=\"a\"} 2"))
        .contains(
            "received range result on instant evaluation: [m{i=\"a\"} [0@0 1@60000 2@120000]]");
    assertThat(
            onlyFailure(
                "eval instant at 2m m{i=\"a\"}[2m]",
                "  expect range vector from 0 to 2m step 1m",
                "  m{i=\"a\"} 0 1 2"))
        .isEqualTo("passed");
  }

  @Test
  void theAtModifierVariantsCatchAnEngineThatIgnoresAt() {
    fake.ignoreAt = true;
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  m{i=\"a\"} 2"))
        .contains("[every selector @ 120s, evaluated at -1200s]")
        .contains("expected metric m{i=\"a\"} with [2] not found");
    assertThat(onlyFailure("eval instant at 30s time()", "  30"))
        .as("time() makes the expression time-dependent: no variants")
        .isEqualTo("passed");
  }

  @Test
  void instantEvalsAreCheckedInRangeModeToo() {
    fake.emptyRanges = true;
    assertThat(onlyFailure("eval instant at 2m m{i=\"a\"}", "  m{i=\"a\"} 2"))
        .contains("in range mode: expected metric m{i=\"a\"} with [2] not found");
    assertThat(onlyFailure("eval instant at 2m 5", "  5")).contains("in range mode: no point at");
    assertThat(onlyFailure("eval_ordered instant at 2m m{i=\"a\"}", "  m{i=\"a\"} 2"))
        .as("ordered evals only run the range query, as in 2.42")
        .isEqualTo("passed");
  }

  @Test
  void rangeEvalsCompareEveryStep() {
    String header = "eval range from 1m to 4m step 1m m";
    assertThat(onlyFailure(header, "  m{i=\"a\"} 1 2 3 4", "  m{i=\"b\"} 10 12 _ _"))
        .isEqualTo("passed");
    assertThat(onlyFailure(header, "  m{i=\"a\"} 1 2 3 4", "  m{i=\"b\"} 10 12 12 _"))
        .contains("expected 3 points for m{i=\"b\"} but got m{i=\"b\"} [10@60000 12@120000]");
    assertThat(onlyFailure(header, "  m{i=\"a\"} 1 2 4 4", "  m{i=\"b\"} 10 12 _ _"))
        .contains("expected 4 at t=180000 for m{i=\"a\"} but got 3");
    assertThat(onlyFailure(header, "  m{i=\"a\"} 1 2 3 4 5", "  m{i=\"b\"} 10 12 _ _"))
        .contains("expected 5 points for m{i=\"a\"}, but the query range cannot hold that many");
  }

  @Test
  void aMalformedScriptRunsNothing() {
    assertThatThrownBy(() -> runner.run("x.test", "load 1m\n  m 1 2x\n"))
        .isInstanceOf(ScriptFormatException.class)
        .hasMessageStartingWith("line 2: column 7");
  }

  @Test
  void runAllReportsPerFileAndInTotal() throws Exception {
    Path good = Files.writeString(tmp.resolve("good.test"), LOAD + "eval instant at 0 1\n  1\n");
    Path bad =
        Files.writeString(
            tmp.resolve("bad.test"), LOAD + "eval instant at 1m m{i=\"a\"}\n  m{i=\"a\"} 5\n");
    Path broken = Files.writeString(tmp.resolve("broken.test"), "lod 1m\n");
    Path missing = tmp.resolve("missing.test");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(runner.runAll(List.of(good), new PrintWriter(out), new PrintWriter(err)))
        .isEqualTo(ScriptRunner.EXIT_PASSED);
    assertThat(out.toString().lines())
        .containsExactly(good + ": 1 passed, 0 failed", "1 passed, 0 failed");

    out.getBuffer().setLength(0);
    assertThat(runner.runAll(List.of(good, bad), new PrintWriter(out), new PrintWriter(err)))
        .isEqualTo(ScriptRunner.EXIT_FAILED);
    assertThat(out.toString().lines())
        .containsExactly(
            good + ": 1 passed, 0 failed",
            bad + ":5: eval instant at 1m m{i=\"a\"}: expected 5 for m{i=\"a\"} but got 1",
            bad + ": 0 passed, 1 failed",
            "1 passed, 1 failed");
    assertThat(err.toString()).isEmpty();

    out.getBuffer().setLength(0);
    int code =
        runner.runAll(List.of(broken, missing, good), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).isEqualTo(ScriptRunner.EXIT_BAD_INPUT);
    assertThat(err.toString().lines())
        .containsExactly(broken + ":1: invalid command \"lod 1m\"", missing + ": no such file");
    assertThat(out.toString().lines())
        .containsExactly(good + ": 1 passed, 0 failed", "1 passed, 0 failed");
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
