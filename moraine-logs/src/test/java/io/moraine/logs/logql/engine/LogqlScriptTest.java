package io.moraine.logs.logql.engine;

import static io.moraine.logs.logql.engine.Ast.S;
import static io.moraine.logs.logql.engine.Ast.range;
import static io.moraine.logs.logql.engine.Ast.sel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.parser.LogqlParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LogqlScriptTest {
  private static final Path SCRIPTS = Path.of("src/test/resources/logql/scripts");

  private static final Function<String, Expr> PARSER = LogqlParser::parse;

  @Test
  void scripts() throws IOException {
    LogqlScriptRunner runner = new LogqlScriptRunner(PARSER);
    for (Path p : scriptFiles()) {
      runner.run(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
    }
  }

  @Test
  void thereAreTwentyOrMoreScriptCases() throws IOException {
    long cases = 0;
    for (Path p : scriptFiles()) {
      cases += Files.readAllLines(p).stream().filter(l -> l.startsWith("eval")).count();
    }
    assertThat(cases).isGreaterThanOrEqualTo(20);
  }

  private static final Map<String, Expr> SELF_TEST_QUERIES =
      Map.of(
          "count", range(RangeOp.COUNT_OVER_TIME, sel("app", "a"), 15 * S),
          "logs", sel("app", "a"));

  @Test
  void runnerPassesACorrectScriptAndFailsAWrongOne() {
    LogqlScriptRunner runner =
        new LogqlScriptRunner(q -> java.util.Objects.requireNonNull(SELF_TEST_QUERIES.get(q), q));
    String script = read("src/test/resources/logql/runner/selftest.test");
    runner.run("selftest", script);
    assertThatThrownBy(() -> runner.run("wrong", script.replace("20s=2", "20s=3")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("wrong:")
        .hasMessageContaining("20s=2");
    assertThatThrownBy(() -> runner.run("entry", script.replace("    20s two", "    20s three")))
        .isInstanceOf(AssertionError.class);
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> scriptFiles() throws IOException {
    try (Stream<Path> s = Files.list(SCRIPTS)) {
      return s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
  }
}
