package io.moraine.tsdb.wal;

import static io.moraine.tsdb.wal.WalFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged record survives kill -9 of the process that logged it. */
class WalKillTest {
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  @TempDir
  Path dir;

  @Test
  void acknowledgedRecordsSurviveKill9() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    int acked = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("acked ")) {
          acked = Integer.parseInt(line.substring(6));
          if (acked >= 2000) {
            break;
          }
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(acked).as("child output").isGreaterThanOrEqualTo(2000);

    try (Wal wal = WalFixtures.open(dir, WalFixtures.SMALL, WalFixtures.metrics())) {
      wal.log(WalFixtures.rec("after kill"));
    }
    List<String> all = readAll(WalReader.replay(dir));
    assertThat(all.size()).isGreaterThan(acked + 1);
    for (int i = 0; i <= acked; i++) {
      assertThat(all.get(i)).isEqualTo("k" + i);
    }
    assertThat(all.getLast()).isEqualTo("after kill");
  }

  /** Logs records "k0", "k1", ... forever, printing each acknowledgement. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws IOException {
      try (Wal wal = WalFixtures.open(Path.of(args[0]), WalFixtures.SMALL, WalFixtures.metrics())) {
        for (int i = 0; ; i++) {
          wal.log(WalFixtures.rec("k" + i, 40));
          System.out.println("acked " + i);
        }
      }
    }
  }
}
