package io.moraine.promql.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs PromQL test scripts with the real parser and engine, one test per file, each failing with
 * the list of its failed cases: our own scripts under {@code src/test/resources/promql}, and
 * Prometheus 2.42's own ({@code shared/promql-testdata/v2.42.0}, found by walking up from the
 * working directory) when that copy is present.
 */
class PromqlScriptsTest {
  /** How many failed cases one test's message lists. */
  private static final int LISTED = 100;

  private final ScriptRunner runner = new ScriptRunner();

  @TestFactory
  Stream<DynamicTest> ourScripts() throws IOException, URISyntaxException {
    URL dir = Objects.requireNonNull(getClass().getResource("/promql"), "test resources promql/");
    List<Path> files = scripts(Path.of(dir.toURI()));
    assertThat(files).as("our scripts").isNotEmpty();
    return files.stream().map(this::test);
  }

  @TestFactory
  Stream<DynamicTest> prometheus242Scripts() throws IOException {
    Path dir = sharedTestdata("v2.42.0");
    if (dir == null) {
      assumeTrue(false, "no shared/promql-testdata/v2.42.0 above the working directory");
      return Stream.empty();
    }
    return scripts(dir).stream().map(this::test);
  }

  private DynamicTest test(Path file) {
    return DynamicTest.dynamicTest(
        file.getFileName().toString(),
        file.toUri(),
        () -> {
          FileResult r = runner.run(file);
          assertThat(r.cases()).as("%s has evals", file).isNotEmpty();
          assertThat(r.failed()).withFailMessage(() -> report(r)).isZero();
        });
  }

  private static String report(FileResult r) {
    String listed =
        r.failures().stream()
            .limit(LISTED)
            .map(c -> "  " + r.describe(c))
            .collect(Collectors.joining("\n"));
    int more = r.failed() - LISTED;
    return r.summary() + ":\n" + listed + (more > 0 ? "\n  ... and " + more + " more" : "");
  }

  private static List<Path> scripts(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().toList();
    }
  }

  /** {@code shared/promql-testdata/<version>} in the working directory or the nearest parent. */
  static @Nullable Path sharedTestdata(String version) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("promql-testdata").resolve(version);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
