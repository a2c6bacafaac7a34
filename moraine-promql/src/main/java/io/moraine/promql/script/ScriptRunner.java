package io.moraine.promql.script;

import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.promql.script.Command.Eval;
import io.moraine.promql.script.Command.Load;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs PromQL test scripts in Prometheus 2.42's format ({@code promql/testdata/*.test}): {@code
 * load <interval>} blocks of series descriptions, {@code clear}, and {@code eval instant at <time>
 * <expr>} / {@code eval_ordered} / {@code eval_fail} with their expected lines; also the newer
 * {@code eval range from <t> to <t> step <d> <expr>} and {@code expect fail|ordered} lines. Times
 * count from the Unix epoch. Each eval is one case.
 *
 * <p>As in 2.42's runner, an instant eval passes when the query, and the same query with {@code @}
 * pinned to the eval time on every selector evaluated at five other times, each give the expected
 * series (labels exactly equal, values within a relative 1e-6, NaN equal to NaN, in order for
 * {@code eval_ordered}) and give the same values when run as a range query from one minute before
 * to one minute after; {@code eval_fail} needs every one of them to fail with a query error. A
 * range eval passes when its matrix matches point by point. An expression that does not parse fails
 * its own case only.
 *
 * <p>Each script runs against its own {@link MemoryStorage}. Thread-safe: runs share nothing but
 * the engine, which is thread-safe.
 */
public final class ScriptRunner {
  /** Exit code of {@link #runAll}: every case passed. */
  public static final int EXIT_PASSED = 0;

  /** Exit code of {@link #runAll}: some case failed. */
  public static final int EXIT_FAILED = 1;

  /** Exit code of {@link #runAll}: a file could not be read or is not a valid script. */
  public static final int EXIT_BAD_INPUT = 2;

  /**
   * The engine settings of Prometheus 2.42's test runner: 5m lookback, at most 10,000 samples in
   * memory, 1m default subquery step.
   */
  public static final EngineOptions TEST_ENGINE_OPTIONS =
      new EngineOptions(5 * 60_000L, 10_000L, 60_000L);

  private final QueryFrontend frontend;

  /** A runner over a new engine with {@link #TEST_ENGINE_OPTIONS}. */
  public ScriptRunner() {
    this(new Engine(TEST_ENGINE_OPTIONS));
  }

  /** A runner over the given engine. */
  public ScriptRunner(Engine engine) {
    this(QueryFrontend.of(Objects.requireNonNull(engine, "engine")));
  }

  ScriptRunner(QueryFrontend frontend) {
    this.frontend = frontend;
  }

  /**
   * Runs one script file (UTF-8).
   *
   * @throws IOException when the file cannot be read
   * @throws ScriptFormatException when it is not a valid script; nothing has run then
   */
  public FileResult run(Path file) throws IOException {
    return run(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Runs a script given as text.
   *
   * @param name what to call the script in results
   * @throws ScriptFormatException when it is not a valid script; nothing has run then
   */
  public FileResult run(String name, String script) {
    List<Command> commands = ScriptParser.parse(script);
    MemoryStorage db = new MemoryStorage();
    EvalExecutor executor = new EvalExecutor(frontend, db);
    List<CaseResult> cases = new ArrayList<>();
    for (Command c : commands) {
      switch (c) {
        case Load load -> load(db, load);
        case Command.Clear clear -> db.clear();
        case Eval eval -> cases.add(new CaseResult(eval.line(), eval.text(), executor.run(eval)));
      }
    }
    return new FileResult(name, cases);
  }

  /**
   * Runs files and reports as the {@code promql-test} command does: on {@code out} one line per
   * failed case ({@code file:line: command: why}), then per file {@code file: N passed, M failed},
   * then a last line {@code N passed, M failed} over all files; on {@code err} one line per file
   * that cannot be read or is not a valid script, which then counts no cases. Every file is run
   * whatever happens to the others.
   *
   * @return {@link #EXIT_BAD_INPUT} when some file was bad, else {@link #EXIT_FAILED} when some
   *     case failed, else {@link #EXIT_PASSED}
   */
  public int runAll(List<Path> files, PrintWriter out, PrintWriter err) {
    int passed = 0;
    int failed = 0;
    boolean badInput = false;
    for (Path file : files) {
      FileResult r;
      try {
        r = run(file);
      } catch (NoSuchFileException e) {
        err.println(file + ": no such file");
        badInput = true;
        continue;
      } catch (IOException e) {
        err.println(file + ": cannot read: " + e);
        badInput = true;
        continue;
      } catch (ScriptFormatException e) {
        err.println(file + ":" + e.line() + ": " + e.reason());
        badInput = true;
        continue;
      }
      for (CaseResult c : r.failures()) {
        out.println(r.describe(c));
      }
      out.println(r.summary());
      passed += r.passed();
      failed += r.failed();
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    err.flush();
    return badInput ? EXIT_BAD_INPUT : failed > 0 ? EXIT_FAILED : EXIT_PASSED;
  }

  private static void load(MemoryStorage db, Load load) {
    for (SeriesDescription s : load.series()) {
      List<SequenceValue> values = s.values();
      for (int i = 0; i < values.size(); i++) {
        if (!values.get(i).omitted()) {
          db.add(s.labels(), i * load.intervalMillis(), values.get(i).value());
        }
      }
    }
  }
}
