package io.moraine.server.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Main class of {@code moraine-agent.jar}, the agent's own small jar ({@code ./moraine agent} runs
 * it): the same {@code agent} command as {@code moraine.jar agent}, without the server's classes on
 * the class path, so that the agent's resident size stays small on edge nodes. Exit codes as {@link
 * Main}: 0, 1 a runtime failure (port in use), 2 a usage error.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    CommandLine cl = command(ShutdownHooks.JVM, err);
    System.exit(cl.execute(args));
  }

  /** The agent command with the exit-code handlers {@link Main} uses. */
  static CommandLine command(ShutdownHooks hooks, PrintWriter err) {
    CommandLine cl = new CommandLine(new AgentCommand(hooks, a -> {}, System.getenv()));
    cl.setCommandName("moraine agent");
    AgentCommand.addCollectorSwitches(cl.getCommandSpec());
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("moraine: " + ex.getMessage());
          err.flush();
          return Main.EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          String m = ex.getMessage();
          err.println("moraine: " + (m == null || m.isEmpty() ? ex.getClass().getSimpleName() : m));
          err.flush();
          return Main.EXIT_FAILURE;
        });
    return cl;
  }
}
