package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.time.Clock;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.server.store.StorageOpener;
import io.moraine.server.store.TsdbStorageOpener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The query warm-up over a real, throwaway store. */
class QueryWarmupTest {
  private static final Engine ENGINE = new Engine(new EngineOptions(300_000, 50_000_000, 60_000));

  private final CopyOnWriteArrayList<Path> dirs = new CopyOnWriteArrayList<>();

  /** The embedded store, remembering where it was opened. */
  private final StorageOpener opener =
      (settings, registry) -> {
        dirs.add(settings.dataDir());
        return new TsdbStorageOpener().open(settings, registry);
      };

  @Test
  void answersEveryQueryWithDataThenDeletesItsStore() throws Exception {
    try (QueryWarmup w =
        QueryWarmup.start(
            opener,
            ENGINE,
            QueryLimits.DEFAULT,
            Clock.SYSTEM,
            new QueryWarmup.Options(3, 60_000))) {
      QueryWarmup.Result r = w.done().get(60, TimeUnit.SECONDS);

      assertThat(r.rounds()).isEqualTo(3);
      assertThat(r.series()).isEqualTo(WarmupSeries.TARGETS * 22);
      assertThat(r.emptyAnswers()).as("every query finds series").isZero();
    }
    assertThat(dirs).hasSize(1);
    assertThat(dirs.getFirst()).doesNotExist();
  }

  @Test
  void closeStopsItEarlyAndStillDeletesTheStore() throws Exception {
    QueryWarmup w =
        QueryWarmup.start(
            opener,
            ENGINE,
            QueryLimits.DEFAULT,
            Clock.SYSTEM,
            new QueryWarmup.Options(Integer.MAX_VALUE, 600_000));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (dirs.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    w.close();

    assertThat(w.done()).isCompleted();
    assertThat(w.done().get().rounds()).isLessThan(Integer.MAX_VALUE);
    assertThat(dirs).hasSize(1);
    assertThat(Files.exists(dirs.getFirst())).isFalse();
  }
}
