package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.time.Clock;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link LogStoreKillTest}: appends numbered batches forever, printing {@code
 * ACK <n>} after each commit returns, with the background flush running, until killed.
 */
public final class KillChild {
  static final long T0 = 1_704_067_200_000_000_000L;
  static final int PER_BATCH = 20;

  private KillChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    LogStoreOptions o =
        new LogStoreOptions(
            4096,
            1L << 20,
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            10_000,
            64 * 1024,
            Duration.ofSeconds(1),
            Duration.ZERO,
            0,
            java.util.List.of(),
            0.05,
            null);
    LogStore store = LogStore.open(Path.of(args[0]), o, Clock.SYSTEM);
    for (int batch = 0; ; batch++) {
      LogAppender a = store.appender("kill");
      for (int i = 0; i < PER_BATCH; i++) {
        a.append(
            Labels.of("app", "kill", "part", String.valueOf(i % 3)),
            T0 + (long) batch * PER_BATCH + i,
            "batch " + batch + " entry " + i + " payload-" + Long.toHexString(batch * 31L + i),
            Labels.EMPTY);
      }
      a.commit();
      out.println("ACK " + batch);
    }
  }
}
