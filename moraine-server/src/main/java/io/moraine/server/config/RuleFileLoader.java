package io.moraine.server.config;

import io.moraine.rules.file.RuleChecker;
import io.moraine.rules.file.RuleError;
import io.moraine.rules.file.RuleFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Prometheus rule files: expands {@code rule_files} globs as Go's {@code filepath.Glob} does,
 * binds each file's YAML ({@link RuleFileBinder}) and checks it ({@link RuleChecker}). The server
 * calls {@link #load} on start and on every reload; on failure it keeps the rules it had. Stateless
 * and thread-safe.
 */
public final class RuleFileLoader {
  private RuleFileLoader() {}

  /**
   * Loads every file the globs match, in glob order and then name order, each once.
   *
   * @param globs {@code rule_files} patterns; relative ones are taken against {@code base}; a
   *     pattern that matches nothing is fine
   * @param base the config file's directory
   * @return the files, valid
   * @throws RuleFileException listing every problem of every file (bad patterns included)
   */
  public static List<RuleFile> load(List<String> globs, Path base) throws RuleFileException {
    List<RuleError> errors = new ArrayList<>();
    Set<Path> files = new LinkedHashSet<>();
    for (String glob : globs) {
      String pattern = join(base, glob);
      try {
        files.addAll(Glob.expand(pattern));
      } catch (IllegalArgumentException e) {
        errors.add(new RuleError(pattern, 0, 0, "invalid rule file path: " + e.getMessage()));
      }
    }
    List<RuleFile> loaded = new ArrayList<>();
    for (Path f : files) {
      RuleChecker.Result r = read(f);
      errors.addAll(r.errors());
      loaded.add(r.file());
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return loaded;
  }

  /**
   * Reads and checks one file. Never throws for the file's content or for I/O: those come back as
   * errors (an unreadable file, not YAML, a structural error: one error; otherwise every rule
   * problem).
   */
  public static RuleChecker.Result read(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return failed(new RuleError(name, 0, 0, "cannot read: " + describe(e)));
    }
    return parse(text, name);
  }

  /**
   * Reads and checks rule-file text that is not on disk (the default rule pack, shipped in the
   * jar). Never throws for the content: problems come back as errors.
   *
   * @param name the name that errors and the API carry
   */
  public static RuleChecker.Result parse(String text, String name) {
    try {
      return RuleChecker.validate(RuleFileBinder.bind(text, name));
    } catch (YamlError e) {
      return failed(new RuleError(name, e.line(), e.column(), e.reason()));
    }
  }

  /**
   * A {@code rule_files} entry as Prometheus resolves it against the config file's directory:
   * absolute entries unchanged, relative ones joined and cleaned.
   */
  public static String join(Path base, String glob) {
    if (glob.startsWith("/")) {
      return glob;
    }
    return base.resolve(glob).normalize().toString();
  }

  /**
   * The existing paths that {@code pattern} (already joined, see {@link #join}) matches, in name
   * order.
   *
   * @throws IllegalArgumentException when the pattern is malformed
   */
  public static List<Path> expand(String pattern) {
    return Glob.expand(pattern);
  }

  /** Whether {@code s} holds glob metacharacters (otherwise it names one file). */
  public static boolean isPattern(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** Throws {@link IllegalArgumentException} when {@code glob} is not a valid pattern. */
  static void checkPattern(String glob) {
    Glob.check(glob);
  }

  private static RuleChecker.Result failed(RuleError e) {
    return new RuleChecker.Result(new RuleFile(e.file(), List.of()), List.of(e));
  }

  private static String describe(IOException e) {
    return switch (e.getClass().getSimpleName()) {
      case "NoSuchFileException" -> "no such file";
      case "AccessDeniedException" -> "permission denied";
      case "MalformedInputException" -> "not valid UTF-8";
      default -> String.valueOf(e.getMessage());
    };
  }
}
