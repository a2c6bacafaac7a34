package io.moraine.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogEntryRejectedException;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.testkit.logs.ReferenceLogStore;
import io.moraine.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random workload (small blocks, out-of-order and too-old entries, duplicates, metadata,
 * flushes) written to the store and to {@link ReferenceLogStore}; every query is compared, before
 * and after a reopen.
 */
class LogStoreDifferentialTest {
  private static final long T0 = 1_704_067_200_000_000_000L;
  private static final long SEC = 1_000_000_000L;
  private static final String[] APPS = {"api", "web", "db", "queue"};
  private static final String[] WORDS = {"GET", "POST", "error", "timeout", "user=42", "ok", "ß✓"};

  @TempDir Path dir;

  private static LogStoreOptions options() {
    return LogStoreOptions.DEFAULT.withoutBackground().withBlockSizeBytes(1024);
  }

  @Test
  void randomWorkloadReadsTheSameAsTheReference() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      run(seed, dir.resolve("s" + seed));
    }
  }

  private void run(long seed, Path path) throws Exception {
    Random rnd = new Random(seed);
    ManualClock clock = new ManualClock(1_704_067_200_000L);
    ReferenceLogStore ref = new ReferenceLogStore(Duration.ofHours(1), 10_000);
    LogStore store = LogStore.open(path, options(), clock);
    long[] newest = new long[16];
    for (int batch = 0; batch < 300; batch++) {
      LogAppender a = store.appender(tenant(rnd));
      LogAppender b = ref.appender(currentTenant);
      int n = 1 + rnd.nextInt(20);
      for (int i = 0; i < n; i++) {
        int s = rnd.nextInt(8);
        Labels stream =
            s % 2 == 0
                ? Labels.of("app", APPS[s / 2])
                : Labels.of("app", APPS[s / 2], "env", s % 4 == 1 ? "prod" : "dev");
        long ts = T0 + newest[s] * SEC;
        int r = rnd.nextInt(100);
        if (r < 60) {
          newest[s] += rnd.nextInt(3);
          ts = T0 + newest[s] * SEC;
        } else if (r < 95) {
          ts -= rnd.nextInt(3000) * SEC;
        } else {
          ts -= (3600 + 1 + rnd.nextInt(3000)) * SEC;
        }
        String line = WORDS[rnd.nextInt(WORDS.length)] + " " + rnd.nextInt(50);
        Labels meta = rnd.nextInt(5) == 0 ? Labels.of("trace", "t" + rnd.nextInt(3)) : Labels.EMPTY;
        String got = tryAppend(a, stream, ts, line, meta);
        String want = tryAppend(b, stream, ts, line, meta);
        assertThat(got).as("seed %d batch %d", seed, batch).isEqualTo(want);
        if (got.isEmpty() && rnd.nextInt(10) == 0) {
          assertThat(tryAppend(a, stream, ts, line, meta))
              .isEqualTo(tryAppend(b, stream, ts, line, meta));
        }
      }
      if (rnd.nextInt(5) == 0) {
        a.rollback();
        b.rollback();
      } else {
        a.commit();
        b.commit();
      }
      if (rnd.nextInt(40) == 0) {
        store.flushAll();
      } else if (rnd.nextInt(20) == 0) {
        store.flush();
      }
      if (batch % 25 == 0) {
        compare(store, ref, rnd, seed);
      }
    }
    compare(store, ref, rnd, seed);
    store.close();
    store = LogStore.open(path, options(), clock);
    for (int i = 0; i < 5; i++) {
      compare(store, ref, rnd, seed);
    }
    assertThat(
            read(
                store,
                "t0",
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                List.of(Matcher.re("app", ".+")),
                Direction.FORWARD))
        .hasSizeGreaterThan(500);
    store.close();
  }

  private String currentTenant = "t0";

  private String tenant(Random rnd) {
    currentTenant = rnd.nextInt(4) == 0 ? "t1" : "t0";
    return currentTenant;
  }

  private static String tryAppend(LogAppender a, Labels stream, long ts, String line, Labels meta) {
    try {
      a.append(stream, ts, line, meta);
      return "";
    } catch (LogEntryRejectedException e) {
      return e.reason();
    }
  }

  private static void compare(LogStore store, ReferenceLogStore ref, Random rnd, long seed) {
    for (String tenant : List.of("t0", "t1", "none")) {
      for (int q = 0; q < 6; q++) {
        long min = q == 0 ? Long.MIN_VALUE : T0 + (rnd.nextInt(400) - 50) * SEC;
        long max = q == 0 ? Long.MAX_VALUE : min + rnd.nextInt(300) * SEC;
        List<Matcher> ms = matchers(rnd);
        Direction d = rnd.nextBoolean() ? Direction.FORWARD : Direction.BACKWARD;
        assertThat(read(store, tenant, min, max, ms, d))
            .as("seed %d tenant %s [%d,%d] %s %s", seed, tenant, min, max, ms, d)
            .isEqualTo(read(ref, tenant, min, max, ms, d));
      }
      try (LogQuerier a = store.querier(tenant, Long.MIN_VALUE, Long.MAX_VALUE);
          LogQuerier b = ref.querier(tenant, Long.MIN_VALUE, Long.MAX_VALUE)) {
        List<Matcher> ms = matchers(rnd);
        assertThat(a.series(ms)).isEqualTo(b.series(ms));
        assertThat(a.labelNames(List.of())).isEqualTo(b.labelNames(List.of()));
        assertThat(a.labelValues("env", ms)).isEqualTo(b.labelValues("env", ms));
        assertThat(a.stats(ms).streams()).isEqualTo(b.stats(ms).streams());
      }
    }
  }

  private static List<Matcher> matchers(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> List.of(Matcher.eq("app", APPS[rnd.nextInt(APPS.length)]));
      case 1 -> List.of(Matcher.re("app", "api|db"));
      case 2 -> List.of(Matcher.re("app", ".+"), Matcher.neq("env", "prod"));
      case 3 -> List.of(Matcher.re("env", "p.*"));
      case 4 -> List.of(Matcher.re("app", ".*e.*"), Matcher.nre("env", "dev"));
      default -> List.of(Matcher.eq("app", "web"), Matcher.re("env", ".+"));
    };
  }

  static List<String> read(
      LogQueryable q, String tenant, long min, long max, List<Matcher> ms, Direction d) {
    List<String> out = new ArrayList<>();
    try (LogQuerier querier = q.querier(tenant, min, max)) {
      LogStreamSet set = querier.select(ms, LogSelectHints.all(d));
      while (set.next()) {
        LogCursor c = set.cursor();
        while (c.next()) {
          String line =
              new String(c.lineBytes(), c.lineOffset(), c.lineLength(), StandardCharsets.UTF_8);
          out.add(set.labels() + " " + c.timestampNanos() + " " + line + " " + c.metadata());
        }
      }
    }
    return out;
  }
}
