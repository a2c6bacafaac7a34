package io.moraine.server.cli;

import io.moraine.agent.Agent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code moraine agent}: the node agent, until SIGTERM or SIGINT. Main class of {@code
 * moraine-agent.jar}, the agent's own small jar ({@code ./moraine agent} runs it), and reached from
 * {@link Main} as the {@code agent} command. Exit codes as {@link Main}: 0, 1 a runtime failure
 * (port in use), 2 a usage error, each with one line on stderr.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(Arrays.asList(args), out, err, ShutdownHooks.JVM, a -> {}, System.getenv()));
  }

  /** Runs the agent until the hooks stop it; returns the exit code. */
  static int run(
      List<String> args,
      PrintWriter out,
      PrintWriter err,
      ShutdownHooks hooks,
      Consumer<Agent> onStarted,
      Map<String, String> env) {
    Agent agent;
    try {
      AgentArgs parsed = AgentArgs.parse(args);
      if (parsed.help()) {
        out.print(AgentArgs.usage());
        out.flush();
        return 0;
      }
      agent = Agent.start(parsed.toOptions(env));
    } catch (AgentArgs.UsageException | IllegalArgumentException e) {
      err.println("moraine: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    } catch (IOException e) {
      err.println("moraine: cannot start the agent: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    hooks.onShutdown(
        () -> {
          agent.close();
          stopped.countDown();
        });
    onStarted.accept(agent);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      agent.close();
    }
    return 0;
  }
}
