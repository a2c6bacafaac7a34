package io.moraine.promql.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.promql.script.Command.Clear;
import io.moraine.promql.script.Command.Eval;
import io.moraine.promql.script.Command.ExpectedSeries;
import io.moraine.promql.script.Command.Load;
import io.moraine.promql.script.Command.Window;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How scripts split into commands, as 2.42's promql/test.go reads them. */
class ScriptParserTest {
  private static List<Command> parse(String... lines) {
    return ScriptParser.parse(String.join("\n", lines));
  }

  private static Eval onlyEval(String... lines) {
    List<Command> cs = parse(lines);
    assertThat(cs).hasSize(1);
    return (Eval) cs.getFirst();
  }

  private static List<Double> values(ExpectedSeries s) {
    return s.values().stream().map(SequenceValue::value).toList();
  }

  @Test
  void aWholeScript() {
    List<Command> cs =
        parse(
            "# a comment",
            "load 5m",
            "  http_requests{job=\"api\"} 0+10x2",
            "\tup 1 _ 1",
            "",
            "eval instant at 10m http_requests",
            "  http_requests{job=\"api\"} 20",
            "",
            "eval_ordered instant at 1h30m sort(up)",
            "  up 1",
            "",
            "  Clear",
            "eval_fail instant at 0 foo(",
            "",
            "eval instant at 1m 1 + 1",
            "  2");
    assertThat(cs).hasSize(6);
    Load load = (Load) cs.get(0);
    assertThat(load.line()).isEqualTo(2);
    assertThat(load.intervalMillis()).isEqualTo(300_000);
    assertThat(load.series())
        .extracting(SeriesDescription::labels)
        .containsExactly(
            Labels.of("__name__", "http_requests", "job", "api"), Labels.of("__name__", "up"));
    assertThat(load.series().get(1).values())
        .containsExactly(SequenceValue.of(1), SequenceValue.OMITTED, SequenceValue.of(1));

    Eval first = (Eval) cs.get(1);
    assertThat(first.line()).isEqualTo(6);
    assertThat(first.expr()).isEqualTo("http_requests");
    assertThat(first.text()).isEqualTo("eval instant at 10m http_requests");
    assertThat(first.range()).isFalse();
    assertThat(first.startMillis()).isEqualTo(600_000).isEqualTo(first.endMillis());
    assertThat(first.ordered()).isFalse();
    assertThat(first.fail()).isNull();
    assertThat(first.expected().series())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.labels())
                  .isEqualTo(Labels.of("__name__", "http_requests", "job", "api"));
              assertThat(values(s)).containsExactly(20.0);
              assertThat(s.position()).isEqualTo(1);
            });

    Eval ordered = (Eval) cs.get(2);
    assertThat(ordered.ordered()).isTrue();
    assertThat(ordered.startMillis()).isEqualTo(5_400_000);
    assertThat(cs.get(3)).isEqualTo(new Clear(12));
    Eval fail = (Eval) cs.get(4);
    assertThat(fail.fail()).isEqualTo(Command.Failure.ANY);
    assertThat(fail.expr()).as("expressions are parsed when run").isEqualTo("foo(");
    Eval scalar = (Eval) cs.get(5);
    assertThat(scalar.expected().scalar()).isEqualTo(2.0);
    assertThat(scalar.expected().series()).isEmpty();
  }

  @Test
  void aBareNumberEndsTheBlockAndTheNextLineIsACommand() {
    assertThatThrownBy(() -> parse("eval instant at 1m 1 + 1", "  2", "  next"))
        .isInstanceOf(ScriptFormatException.class)
        .hasMessage("line 3: invalid command \"next\"");
    Eval e = onlyEval("eval instant at 1m 1 + 1", "  0x10");
    assertThat(e.expected().scalar()).isEqualTo(16.0);
    assertThat(e.expected().series()).isEmpty();
  }

  @Test
  void aCommentLineIsBlankAndEndsABlock() {
    assertThatThrownBy(() -> parse("load 1m", "  a 1", "  # c", "  b 2"))
        .hasMessage("line 4: invalid command \"b 2\"");
  }

  @Test
  void laterDescriptionsOfTheSameSeriesReplaceEarlierOnes() {
    Load load = (Load) parse("load 1m", "  a{x=\"1\"} 1 2", "  a{x=\"1\"} 3").getFirst();
    assertThat(load.series()).singleElement().satisfies(s -> assertThat(s.values()).hasSize(1));
    Eval e = onlyEval("eval instant at 0 a", "  a{x=\"1\"} 1", "  b 2", "  a{x=\"1\"} 3");
    assertThat(e.expected().series())
        .extracting(ExpectedSeries::position)
        .as("a repeated series takes its last line and that line's place")
        .containsExactly(2, 3);
    assertThat(values(e.expected().series().get(1))).containsExactly(3.0);
  }

  @Test
  void rangeEvalsAndNewerExpectations() {
    Eval r = onlyEval("eval range from 0 to 2m step 1m rate(x[1m])", "  x{a=\"b\"} 1 _ 3");
    assertThat(r.range()).isTrue();
    assertThat(r.expr()).isEqualTo("rate(x[1m])");
    assertThat(List.of(r.startMillis(), r.endMillis(), r.stepMillis()))
        .containsExactly(0L, 120_000L, 60_000L);
    assertThat(r.expected().series().getFirst().values()).hasSize(3);

    Eval f = onlyEval("eval instant at 1m x", "  expect fail msg: boom bang", "  expect warn");
    Command.Failure ff = Objects.requireNonNull(f.fail());
    assertThat(ff.accepts("boom bang")).isTrue();
    assertThat(ff.accepts("boom")).isFalse();

    Eval g = onlyEval("eval_fail instant at 1m x", "  expected_fail_regexp bo+m");
    Command.Failure gf = Objects.requireNonNull(g.fail());
    assertThat(gf.accepts("a boooom!")).isTrue();
    assertThat(gf.accepts("bm")).isFalse();

    Eval o = onlyEval("eval instant at 1m sort(x)", "  expect ordered", "  x 1", "  y 2");
    assertThat(o.ordered()).isTrue();
    assertThat(o.expected().series()).extracting(ExpectedSeries::position).containsExactly(1, 2);

    Eval s = onlyEval("eval instant at 1m \"a\"", "  expect string \"a\\tb\"");
    assertThat(s.expected().string()).isEqualTo("a\tb");

    Eval m =
        onlyEval(
            "eval instant at 3m x[2m]", "  expect range vector from 1m to 3m step 1m", "  x 1 2 3");
    assertThat(m.expected().matrix()).isEqualTo(new Window(60_000, 180_000, 60_000));
    assertThat(m.startMillis()).isEqualTo(180_000);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "frobnicate                         | 1 | invalid command \"frobnicate\"",
        "load                               | 1 | invalid load command. (load <step:duration>)",
        "load 5x                            | 1 | invalid step definition \"5x\": not a valid"
            + " duration string: \"5x\"",
        "eval instant  x                    | 1 | invalid timestamp definition \"\": empty"
            + " duration string",
        "eval range from 2m to 1m step 1m x | 1 | end timestamp is before start timestamp",
      })
  void badCommands(String line, int lineNo, String reason) {
    assertThatThrownBy(() -> parse("", line.strip()))
        .isInstanceOf(ScriptFormatException.class)
        .satisfies(
            e -> {
              ScriptFormatException sfe = (ScriptFormatException) e;
              assertThat(sfe.line()).isEqualTo(lineNo + 1);
              assertThat(sfe.reason()).isEqualTo(reason);
            });
  }

  @Test
  void badEvalCommands() {
    for (String bad :
        List.of(
            "eval_fast instant at 1m x",
            "eval instant x",
            "eval instant at 1m",
            "eval range 1m x")) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .hasMessageStartingWith("line 1: invalid evaluation command. (eval[_fail|_ordered]");
    }
  }

  @Test
  void badExpectedLines() {
    assertThatThrownBy(() -> parse("eval instant at 1m x", "  x 1 2"))
        .hasMessage("line 2: expecting multiple values in instant evaluation not allowed");
    assertThatThrownBy(() -> parse("eval instant at 1m x", "  x{ 1"))
        .hasMessageStartingWith("line 2: column ");
    assertThatThrownBy(() -> parse("eval instant at 1m x", "  expect nonsense"))
        .hasMessageStartingWith("line 2: invalid expect statement");
  }
}
