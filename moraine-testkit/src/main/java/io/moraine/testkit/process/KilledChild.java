package io.moraine.testkit.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code main} in a child JVM on this JVM's class path, reads the numbers it acknowledges on
 * stdout as lines {@code <prefix><n>}, and kills it with SIGKILL (no shutdown hooks, no close) once
 * it has acknowledged {@code enough} or {@code timeout} has passed. The caller then reopens what
 * the child wrote and checks that every acknowledged write is there.
 */
public final class KilledChild {
  private KilledChild() {}

  /** The last number acknowledged before the kill, or -1 when none was. */
  public static int runAndKill(
      Class<?> main, List<String> args, String prefix, int enough, Duration timeout)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    int lastAck = -1;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + timeout.toNanos();
      String line;
      while (lastAck < enough && System.nanoTime() < deadline && (line = r.readLine()) != null) {
        if (line.startsWith(prefix)) {
          lastAck = Integer.parseInt(line.substring(prefix.length()));
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    return lastAck;
  }
}
