package io.moraine.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.moraine.promql.ast.Expr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The expressions of Prometheus's own PromQL test scripts ({@code shared/promql-testdata}, beside
 * the repository): every {@code eval} and {@code eval_ordered} expression of v2.42.0 parses and
 * prints back to text that parses to the same; {@code eval_fail} ones either fail to parse or are
 * left to the engine; the newer scripts of Prometheus's main branch never crash the parser. Skipped
 * where the folder is absent.
 */
class PrometheusTestdataTest {
  /** Prometheus 2.42's {@code patEvalInstant}. */
  private static final Pattern EVAL =
      Pattern.compile("^eval(?:_(fail|ordered))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");

  private static final Pattern EVAL_MAIN =
      Pattern.compile(
          "^eval(?:_(fail|ordered|warn|info))?\\s+(?:instant|range)\\s+"
              + "(?:at\\s+(.+?)|from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)?\\s+(.+)$");

  /** One eval line: its file and line, whether it expects failure, its expression. */
  record Eval(String where, boolean fail, String expr) {}

  @Test
  void everyEvalExpressionOfV242Parses() throws IOException {
    List<Eval> evals = evals("v2.42.0", EVAL);
    assertThat(evals).hasSizeGreaterThan(500);
    List<String> failures = new ArrayList<>();
    for (Eval e : evals) {
      if (e.fail()) {
        continue;
      }
      try {
        Expr parsed = Parser.parse(e.expr());
        String printed = Printer.print(parsed);
        if (!Printer.print(Parser.parse(printed)).equals(printed)) {
          failures.add(e.where() + ": prints as " + printed + ", which prints differently");
        }
      } catch (ParseException ex) {
        failures.add(e.where() + ": " + e.expr() + " -> " + ex.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void evalFailExpressionsFailToParseOrReachTheEngine() throws IOException {
    List<Eval> fails = evals("v2.42.0", EVAL).stream().filter(Eval::fail).toList();
    assertThat(fails).isNotEmpty();
    for (Eval e : fails) {
      try {
        Parser.parse(e.expr());
      } catch (ParseException ex) {
        assertThat(ex.getMessage()).as(e.where()).contains("parse error: ");
      }
    }
  }

  @Test
  void newerScriptsNeverCrashTheParser() throws IOException {
    for (Eval e : evals("main", EVAL_MAIN)) {
      assertThatCode(
              () -> {
                try {
                  Printer.pretty(Parser.parse(e.expr()));
                } catch (ParseException expected) {
                  // newer syntax, or an expected failure
                }
              })
          .as(e.where())
          .doesNotThrowAnyException();
    }
  }

  private static List<Eval> evals(String version, Pattern pattern) throws IOException {
    Path dir = testdata(version);
    assumeTrue(dir != null, "shared/promql-testdata/" + version + " is not beside the repository");
    List<Eval> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = pattern.matcher(lines.get(i).strip());
        if (m.matches()) {
          boolean fail = "fail".equals(m.group(1));
          out.add(new Eval(f.getFileName() + ":" + (i + 1), fail, m.group(3)));
        }
      }
    }
    return out;
  }

  /** {@code shared/promql-testdata/<version>} in the working directory or one of its parents. */
  private static @Nullable Path testdata(String version) {
    String override = System.getProperty("moraine.promqlTestdata");
    if (override != null) {
      Path p = Path.of(override, version);
      return Files.isDirectory(p) ? p : null;
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("shared").resolve("promql-testdata").resolve(version);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return null;
  }
}
