package io.moraine.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.testkit.time.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers, a flusher and a reader at once: readers see whole batches only, in time order, never
 * fewer entries than before; nothing is lost or doubled.
 */
class LogStoreConcurrencyTest {
  private static final long T0 = 1_704_067_200_000_000_000L;
  private static final int WRITERS = 4;
  private static final int BATCHES = 150;
  private static final int PER_BATCH = 10;

  @TempDir Path dir;

  @Test
  void writersFlushesAndReadersTogether() throws Exception {
    LogStoreOptions o = LogStoreOptions.DEFAULT.withoutBackground().withBlockSizeBytes(1024);
    try (LogStore store = LogStore.open(dir, o, new ManualClock(1_704_067_200_000L))) {
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
      AtomicBoolean done = new AtomicBoolean();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int id = w;
        writers.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < BATCHES; b++) {
                    LogAppender a = store.appender("t");
                    for (int i = 0; i < PER_BATCH; i++) {
                      long ts = T0 + (long) b * PER_BATCH + i;
                      a.append(Labels.of("w", "w" + id), ts, "entry " + b + " " + i, Labels.EMPTY);
                    }
                    assertThat(a.commit()).isEqualTo(PER_BATCH);
                  }
                }));
      }
      Future<?> flusher =
          pool.submit(
              () -> {
                for (int k = 0; !done.get(); k++) {
                  if (k % 3 == 0) {
                    store.flushAll();
                  } else {
                    store.flush();
                  }
                }
              });
      Future<?> reader =
          pool.submit(
              () -> {
                int[] last = new int[WRITERS];
                while (!done.get()) {
                  int[] now = counts(store);
                  for (int w = 0; w < WRITERS; w++) {
                    assertThat(now[w] % PER_BATCH).as("whole batches").isZero();
                    assertThat(now[w]).isGreaterThanOrEqualTo(last[w]);
                  }
                  last = now;
                }
              });
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      flusher.get(60, TimeUnit.SECONDS);
      reader.get(60, TimeUnit.SECONDS);
      pool.shutdown();
      assertThat(counts(store)).containsOnly(BATCHES * PER_BATCH);
    }
  }

  private static int[] counts(LogStore store) {
    int[] out = new int[WRITERS];
    try (LogQuerier q = store.querier("t", Long.MIN_VALUE, Long.MAX_VALUE)) {
      LogStreamSet set =
          q.select(List.of(Matcher.re("w", ".+")), LogSelectHints.all(Direction.FORWARD));
      while (set.next()) {
        int w = Integer.parseInt(set.labels().getOrEmpty("w").substring(1));
        LogCursor c = set.cursor();
        long prev = Long.MIN_VALUE;
        while (c.next()) {
          assertThat(c.timestampNanos()).isGreaterThan(prev);
          prev = c.timestampNanos();
          out[w]++;
        }
      }
    }
    return out;
  }
}
