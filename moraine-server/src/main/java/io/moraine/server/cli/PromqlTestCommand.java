package io.moraine.server.cli;

import io.moraine.promql.script.ScriptRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code moraine promql-test FILE...}: runs PromQL test scripts in Prometheus 2.42's format against
 * an in-memory store. Prints one line per failed eval and a summary per file and in total on
 * stdout; a file that cannot be read or is not a valid script prints {@code moraine: FILE:LINE:
 * REASON} on stderr. Exit codes: 0 all passed, 1 some eval failed, 2 bad input.
 */
@Command(
    name = "promql-test",
    description = "Run PromQL test scripts (Prometheus 2.42 promql/testdata format).",
    mixinStandardHelpOptions = true)
final class PromqlTestCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test scripts (*.test).")
  private List<Path> files = new ArrayList<>();

  private final PrintWriter out;
  private final PrintWriter err;

  PromqlTestCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    PrintWriter errors =
        new PrintWriter(err, true) {
          @Override
          public void println(String line) {
            super.println("moraine: " + line);
          }
        };
    return new ScriptRunner().runAll(files, out, errors);
  }
}
