package io.moraine.server.cli;

import io.moraine.agent.Agent;
import io.moraine.core.time.Clock;
import io.moraine.server.config.ConfigException;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code moraine} command line, main class of {@code moraine.jar}. Exit codes: 0 success, 1 a
 * runtime failure (port in use, store cannot open) or a failed PromQL test, 2 a usage error
 * (unknown flag, bad value, bad config file, bad import input, bad test script). Errors are one
 * line on stderr, {@code moraine: ...}, without a stack trace; logs go to stderr too, so stdout
 * carries only command output.
 */
@Command(
    name = "moraine",
    description = "Moraine: a Prometheus-compatible monitoring server.",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class)
public final class Main implements Runnable {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Spec private CommandSpec spec = CommandSpec.create();

  private final Engines engines;
  private final ShutdownHooks hooks;
  private final Consumer<ServerRuntime> onStarted;
  private final BooleanSupplier interactive;
  private Consumer<Agent> onAgentStarted = a -> {};

  /** A command line whose {@code server} stops on the JVM's shutdown (SIGTERM, SIGINT). */
  public Main(Engines engines) {
    this(engines, ShutdownHooks.JVM, runtime -> {}, Main::stderrIsTerminal);
  }

  /** For tests: shutdown and the terminal check are theirs; they see the runtime once started. */
  Main(
      Engines engines,
      ShutdownHooks hooks,
      Consumer<ServerRuntime> onStarted,
      BooleanSupplier interactive) {
    this.engines = engines;
    this.hooks = hooks;
    this.onStarted = onStarted;
    this.interactive = interactive;
  }

  /** For tests: {@code agent} hands its running agent here once started. */
  Main onAgentStarted(Consumer<Agent> action) {
    this.onAgentStarted = action;
    return this;
  }

  public static void main(String[] args) {
    int code;
    try {
      code = new Main(Engines.load()).execute(args);
    } catch (IllegalStateException e) {
      System.err.println("moraine: " + e.getMessage());
      code = EXIT_FAILURE;
    }
    System.exit(code);
  }

  /** Runs a command with stdout and stderr; returns the exit code. */
  public int execute(String... args) {
    return execute(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  int execute(PrintWriter out, PrintWriter err, String... args) {
    if (args.length > 0 && args[0].equals("agent")) {
      // The agent parses its own flags (AgentArgs), so that moraine-agent.jar needs no picocli.
      return AgentMain.run(
          java.util.List.of(args).subList(1, args.length),
          out,
          err,
          hooks,
          onAgentStarted,
          System.getenv());
    }
    CommandLine cl = new CommandLine(this);
    cl.addSubcommand(new ServerCommand(engines, hooks, onStarted));
    cl.addSubcommand(
        new CommandLine(new ImportCommand())
            .addSubcommand(new OpenMetricsCommand(engines, out, err, interactive, Clock.SYSTEM)));
    cl.addSubcommand(new PromqlTestCommand(out, err));
    cl.addSubcommand(
        new CommandLine(new CheckCommand())
            .addSubcommand(new CheckCommand.Rules(out, err))
            .addSubcommand(new CheckCommand.Config(out, err)));
    cl.addSubcommand(new QueryCommand(out, err, Clock.SYSTEM));
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("moraine: " + ex.getMessage());
          err.flush();
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          err.println("moraine: " + message(ex));
          err.flush();
          LOG.atDebug().setCause(ex).log("command failed");
          return ex instanceof ConfigException ? EXIT_USAGE : EXIT_FAILURE;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: moraine server | moraine agent | moraine import openmetrics FILE"
            + " | moraine promql-test FILE... | moraine query EXPR"
            + " | moraine check rules|config FILE...");
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isEmpty() ? t.getClass().getSimpleName() : m;
  }

  private static boolean stderrIsTerminal() {
    Console c = System.console();
    return c != null && c.isTerminal();
  }

  /** The version in the jar's manifest, or {@code dev} when run from classes. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"moraine " + version() + " (java " + Runtime.version() + ")"};
    }
  }
}
