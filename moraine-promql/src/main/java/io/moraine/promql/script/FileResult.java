package io.moraine.promql.script;

import java.util.List;

/**
 * The outcome of every eval of one script file, in file order.
 *
 * @param file the file as named by the caller
 */
public record FileResult(String file, List<CaseResult> cases) {
  public FileResult {
    cases = List.copyOf(cases);
  }

  public int passed() {
    return (int) cases.stream().filter(CaseResult::passed).count();
  }

  public int failed() {
    return cases.size() - passed();
  }

  public List<CaseResult> failures() {
    return cases.stream().filter(c -> !c.passed()).toList();
  }

  /**
   * One line for a failed case: {@code file:line: command: failure}, with line breaks in the
   * failure escaped.
   */
  public String describe(CaseResult c) {
    String why = c.failure() == null ? "passed" : c.failure().replace("\n", "\\n");
    return file + ":" + c.line() + ": " + c.command() + ": " + why;
  }

  /** {@code file: N passed, M failed}. */
  public String summary() {
    return file + ": " + passed() + " passed, " + failed() + " failed";
  }
}
