package io.moraine.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.time.Clock;
import io.moraine.testkit.process.KilledChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a child JVM appends batches and acknowledges each on stdout; it is killed with
 * SIGKILL mid-ingest; every acknowledged entry must be there after reopening, and no batch may be
 * visible in part.
 */
class LogStoreKillTest {
  @TempDir Path dir;

  @Test
  void acknowledgedBatchesSurviveKill9() throws Exception {
    int lastAck =
        KilledChild.runAndKill(
            KillChild.class, List.of(dir.toString()), "ACK ", 1500, Duration.ofSeconds(60));
    assertThat(lastAck).as("child acknowledged batches").isGreaterThan(100);
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".seg")).count())
          .as("the child flushed segments before it was killed")
          .isPositive();
    }

    try (LogStore store =
        LogStore.open(dir, LogStoreOptions.DEFAULT.withoutBackground(), Clock.SYSTEM)) {
      List<String> all =
          LogStoreDifferentialTest.read(
              store,
              "kill",
              Long.MIN_VALUE,
              Long.MAX_VALUE,
              List.of(Matcher.eq("app", "kill")),
              Direction.FORWARD);
      Map<Integer, Integer> perBatch = new HashMap<>();
      for (String s : all) {
        String rest = s.substring(s.indexOf(" batch ") + 7);
        perBatch.merge(Integer.parseInt(rest.substring(0, rest.indexOf(' '))), 1, Integer::sum);
      }
      for (int b = 0; b <= lastAck; b++) {
        assertThat(perBatch.get(b))
            .as("entries of acknowledged batch %d", b)
            .isEqualTo(KillChild.PER_BATCH);
      }
      perBatch.forEach(
          (b, n) ->
              assertThat(n).as("batch %d complete or absent", b).isEqualTo(KillChild.PER_BATCH));
      assertThat(store.discards()).isNotNull();
    }
  }
}
