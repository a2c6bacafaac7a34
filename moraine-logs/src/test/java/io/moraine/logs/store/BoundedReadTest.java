package io.moraine.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries stream from disk: a JVM whose heap (24 MiB) is a small fraction of the data (96 MiB of
 * lines) writes it, reads every entry back, and runs a log query and a whole-range metric query
 * without running out of memory.
 */
class BoundedReadTest {
  @TempDir Path dir;

  @Test
  void readsMoreThanTheHeapHolds() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx24m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                BoundedReadChild.class.getName(),
                dir.toString(),
                "96")
            .redirectErrorStream(true)
            .start();
    Map<String, Long> figures = new HashMap<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        String[] f = line.split(" ");
        if (f.length == 2 && f[0].matches("WROTE|READ|LOGS|COUNT")) {
          figures.put(f[0], Long.parseLong(f[1]));
        }
      }
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output.toString()).isZero();
    long wrote = figures.getOrDefault("WROTE", 0L);
    assertThat(wrote).isGreaterThan(300_000);
    assertThat(figures.get("READ")).isEqualTo(wrote);
    assertThat(figures.get("LOGS")).isEqualTo(1000);
    assertThat(figures.get("COUNT")).isEqualTo(wrote);
  }
}
