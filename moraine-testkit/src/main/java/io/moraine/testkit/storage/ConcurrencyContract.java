package io.moraine.testkit.storage;

import static io.moraine.testkit.storage.ContractSupport.nonEmpty;
import static io.moraine.testkit.storage.ContractSupport.read;
import static io.moraine.testkit.storage.ContractSupport.selectAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Storage;
import io.moraine.testkit.storage.ContractSupport.Point;
import io.moraine.testkit.storage.ContractSupport.SeriesDump;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Appenders on many threads at once, with readers alongside. */
public interface ConcurrencyContract extends StorageFixture {
  /** Sample {@code i} of every concurrency series: time and value derive from the index. */
  private static Point sample(int i) {
    return Point.of(1000L * (i + 1), i * 0.5);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  default void concurrentAppendersOnDisjointSeriesLoseNothing() throws Exception {
    Storage st = storage();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Callable<Void>> writers = new ArrayList<>();
    for (int w = 0; w < ConcurrencyPlan.THREADS; w++) {
      int writer = w;
      writers.add(
          () -> {
            List<Labels> own = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
              own.add(Labels.of("__name__", "disjoint", "writer", "" + writer, "k", "" + k));
            }
            Appender app = st.appender();
            for (int i = 0; i < ConcurrencyPlan.SAMPLES; i++) {
              for (Labels l : own) {
                Point p = sample(i);
                app.append(l, p.t(), Double.longBitsToDouble(p.valueBits()));
              }
              if (i % 25 == 24) {
                app.commit();
                app = st.appender();
              }
            }
            app.commit();
            return null;
          });
    }
    Callable<Void> reader =
        () -> {
          while (writing.get()) {
            for (SeriesDump d : selectAll(st, Matcher.eq("__name__", "disjoint"))) {
              assertIsPrefix(d);
            }
          }
          return null;
        };
    runConcurrently(writers, reader, writing);

    List<SeriesDump> all = selectAll(st, Matcher.eq("__name__", "disjoint"));
    assertThat(all).hasSize(ConcurrencyPlan.THREADS * 3);
    for (SeriesDump d : all) {
      assertThat(d.points()).as("samples of %s", d.labels()).hasSize(ConcurrencyPlan.SAMPLES);
      assertIsPrefix(d);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  default void concurrentAppendersOnSharedSeriesStoreEachSampleOnce() throws Exception {
    Storage st = storage();
    List<Labels> shared = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      shared.add(Labels.of("__name__", "shared", "k", "" + k));
    }
    List<Callable<Void>> writers = new ArrayList<>();
    for (int w = 0; w < ConcurrencyPlan.THREADS; w++) {
      writers.add(
          () -> {
            // every writer offers the same samples; a sample already overtaken by another
            // writer's commit is out of order, which is fine: that writer committed it earlier
            for (int i = 0; i < ConcurrencyPlan.SAMPLES / 3; i++) {
              Appender app = st.appender();
              for (Labels l : shared) {
                Point p = sample(i);
                try {
                  app.append(l, p.t(), Double.longBitsToDouble(p.valueBits()));
                } catch (OutOfOrderSampleException expected) {
                  // overtaken
                }
              }
              app.commit();
            }
            return null;
          });
    }
    runConcurrently(writers, () -> null, new AtomicBoolean());

    List<SeriesDump> all = selectAll(st, Matcher.eq("__name__", "shared"));
    assertThat(all).extracting(SeriesDump::labels).containsExactlyElementsOf(shared);
    for (SeriesDump d : all) {
      assertThat(d.points()).as("samples of %s", d.labels()).hasSize(ConcurrencyPlan.SAMPLES / 3);
      assertIsPrefix(d);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  default void concurrentQueriersSeeConsistentSnapshots() throws Exception {
    Storage st = storage();
    Labels s = Labels.of("__name__", "snap");
    AtomicBoolean writing = new AtomicBoolean(true);
    Callable<Void> writer =
        () -> {
          for (int i = 0; i < ConcurrencyPlan.SAMPLES; i++) {
            Appender app = st.appender();
            Point p = sample(i);
            app.append(s, p.t(), Double.longBitsToDouble(p.valueBits()));
            app.commit();
          }
          return null;
        };
    Callable<Void> reader =
        () -> {
          while (writing.get()) {
            try (Querier q = st.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
              List<SeriesDump> first =
                  nonEmpty(
                      read(
                          q,
                          true,
                          SelectHints.NONE,
                          Long.MIN_VALUE,
                          Long.MAX_VALUE,
                          Matcher.eq("__name__", "snap")));
              first.forEach(ConcurrencyContract::assertIsPrefix);
            }
          }
          return null;
        };
    runConcurrently(List.of(writer), reader, writing);
    assertThat(selectAll(st, Matcher.eq("__name__", "snap")).getFirst().points())
        .hasSize(ConcurrencyPlan.SAMPLES);
  }

  /** The samples of a series are exactly {@code sample(0) .. sample(n-1)} for some n. */
  private static void assertIsPrefix(SeriesDump d) {
    for (int i = 0; i < d.points().size(); i++) {
      assertThat(d.points().get(i)).as("sample #%d of %s", i, d.labels()).isEqualTo(sample(i));
    }
  }

  /** Starts writers and a reader together; stops the reader once the writers are done. */
  private static void runConcurrently(
      List<Callable<Void>> writers, Callable<Void> reader, AtomicBoolean writing) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(writers.size() + 1)) {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> w : writers) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return w.call();
                }));
      }
      Future<Void> r =
          pool.submit(
              () -> {
                start.await();
                return reader.call();
              });
      start.countDown();
      try {
        for (Future<Void> f : futures) {
          f.get(50, TimeUnit.SECONDS);
        }
      } finally {
        writing.set(false);
      }
      r.get(50, TimeUnit.SECONDS);
    }
  }
}
