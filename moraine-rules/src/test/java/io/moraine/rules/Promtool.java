package io.moraine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Prometheus 2.42 {@code promtool} (Debian's {@code /usr/bin/promtool}) for the
 * {@code interop} tests of this module. Stateless and thread-safe.
 */
public final class Promtool {
  /** Where Debian 12's {@code prometheus} package installs it. */
  public static final Path PATH = Path.of("/usr/bin/promtool");

  private static final long TIMEOUT_SECONDS = 120;

  private Promtool() {}

  /** Whether promtool is installed here; tests {@code assumeTrue} it. */
  public static boolean installed() {
    return Files.isExecutable(PATH);
  }

  /** The exit status and the merged stdout and stderr of one promtool run. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code promtool args...} in {@code dir} and waits for it (at most two minutes, then the
   * test fails).
   */
  public static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PATH.toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("promtool", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      p.getOutputStream().close();
      boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly().waitFor();
      }
      assertThat(done).as("promtool %s finished within %d s", command, TIMEOUT_SECONDS).isTrue();
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
