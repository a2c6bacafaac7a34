package io.moraine.server.cli;

import io.moraine.rules.file.RuleChecker;
import io.moraine.rules.file.RuleError;
import io.moraine.server.config.ConfigException;
import io.moraine.server.config.ConfigLoader;
import io.moraine.server.config.MoraineConfig;
import io.moraine.server.config.RuleFileLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code moraine check rules FILE...} and {@code moraine check config FILE...}: promtool 2.42's
 * checks with its output. Progress and successes go to stdout, failures to stderr. Exit codes: 0
 * every file passed, 1 some file failed, 2 a usage error (a named file does not exist).
 */
@Command(
    name = "check",
    description = "Check rule files or config files, as promtool does.",
    mixinStandardHelpOptions = true)
final class CheckCommand implements Runnable {
  @Spec private CommandSpec spec = CommandSpec.create();

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing what to check: moraine check rules|config FILE...");
  }

  /** Prints one rule file's verdict; returns whether it passed. */
  static boolean checkRuleFile(
      Path file, String name, PrintWriter out, PrintWriter err, String indent) {
    out.println("Checking " + name);
    out.flush();
    RuleChecker.Result r = RuleFileLoader.read(file);
    if (r.errors().isEmpty()) {
      out.println("  SUCCESS: " + r.ruleCount() + " rules found");
    } else {
      err.println("  FAILED:");
      for (RuleError e : r.errors()) {
        err.println(indent + e);
      }
      err.flush();
    }
    out.println();
    out.flush();
    return r.errors().isEmpty();
  }

  /**
   * Checks each of {@code files} with {@code check}, after making sure they all exist (a usage
   * error otherwise); returns the exit code.
   */
  private static int checkEach(CommandSpec spec, List<Path> files, Predicate<Path> check) {
    for (Path f : files) {
      if (!Files.exists(f)) {
        throw new ParameterException(spec.commandLine(), "path '" + f + "' does not exist");
      }
    }
    boolean ok = true;
    for (Path f : files) {
      ok &= check.test(f);
    }
    return ok ? 0 : Main.EXIT_FAILURE;
  }

  /** {@code moraine check rules FILE...}. */
  @Command(
      name = "rules",
      description = "Check rule files: YAML structure, PromQL expressions, names, templates.",
      mixinStandardHelpOptions = true)
  static final class Rules implements Callable<Integer> {
    @Spec private CommandSpec spec = CommandSpec.create();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule files.")
    private List<Path> files = new ArrayList<>();

    private final PrintWriter out;
    private final PrintWriter err;

    Rules(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      return checkEach(spec, files, f -> checkRuleFile(f, f.toString(), out, err, ""));
    }
  }

  /** {@code moraine check config FILE...}: the file, then every rule file it names. */
  @Command(
      name = "config",
      description = "Check config files and the rule files they name.",
      mixinStandardHelpOptions = true)
  static final class Config implements Callable<Integer> {
    @Spec private CommandSpec spec = CommandSpec.create();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Config files.")
    private List<Path> files = new ArrayList<>();

    private final PrintWriter out;
    private final PrintWriter err;

    Config(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      return checkEach(spec, files, this::checkConfig);
    }

    private boolean checkConfig(Path file) {
      out.println("Checking " + file);
      out.flush();
      List<Path> ruleFiles;
      try {
        ruleFiles = ruleFiles(file, ConfigLoader.load(file));
      } catch (ConfigException | IllegalArgumentException e) {
        err.println("  FAILED: " + e.getMessage());
        err.flush();
        out.println();
        return false;
      }
      if (!ruleFiles.isEmpty()) {
        out.println("  SUCCESS: " + ruleFiles.size() + " rule files found");
      }
      out.println(" SUCCESS: " + file + " is valid prometheus config file syntax");
      out.println();
      boolean ok = true;
      for (Path rf : ruleFiles) {
        ok &= checkRuleFile(rf, display(file, rf), out, err, "     ");
      }
      return ok;
    }

    /** The files the config's globs match; an explicit (glob-free) path must exist. */
    private static List<Path> ruleFiles(Path config, MoraineConfig c) {
      Set<Path> out = new LinkedHashSet<>();
      for (String glob : c.rules().ruleFiles()) {
        List<Path> matched = RuleFileLoader.expand(glob);
        if (matched.isEmpty() && !RuleFileLoader.isPattern(glob)) {
          throw new IllegalArgumentException(
              "\"" + display(config, Path.of(glob)) + "\" does not point to an existing file");
        }
        out.addAll(matched);
      }
      return List.copyOf(out);
    }

    /** Relative to the working directory when the config file was named relatively, as promtool. */
    private static String display(Path config, Path p) {
      if (config.isAbsolute()) {
        return p.toString();
      }
      return Path.of("").toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    }
  }
}
