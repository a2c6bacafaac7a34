package io.moraine.bench.logs;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogReadStats;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.core.time.Clock;
import io.moraine.logs.store.LogStore;
import io.moraine.logs.store.LogStoreOptions;
import io.moraine.testkit.logs.LogLineGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The log store: {@code append} commits batches of 1,000 realistic lines (40 streams) from one
 * thread; {@code scan} reads 16 MiB of flushed lines looking for a needle absent from the data,
 * with and without the token filter's block skipping.
 *
 * <pre>
 * java -cp <bench classpath> org.openjdk.jmh.Main LogStoreBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 *
 * append: ops/s * {@code BATCH_BYTES} is bytes/s; scan: ops/s * 16 MiB is bytes/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogStoreBenchmark {
  static final int BATCH = 1000;

  /** A store being written. */
  @State(Scope.Thread)
  public static class Appending {
    @SuppressWarnings("NullAway.Init") // set in setup
    Path dir;

    @SuppressWarnings("NullAway.Init") // set in setup
    LogStore store;

    final String[] lines = new String[BATCH * 8];
    final Labels[] streams = new Labels[BATCH * 8];
    long ts = 1_704_067_200_000_000_000L;
    int at;

    @Setup(Level.Trial)
    public void setup() throws IOException {
      dir = Files.createTempDirectory("logbench");
      store = LogStore.open(dir, LogStoreOptions.DEFAULT, Clock.SYSTEM);
      LogLineGenerator gen = new LogLineGenerator(1);
      LogLineGenerator.Kind[] kinds = LogLineGenerator.Kind.values();
      for (int i = 0; i < lines.length; i++) {
        int s = i % 40;
        lines[i] = gen.next(kinds[s % kinds.length]);
        streams[i] = Labels.of("app", "app" + s, "kind", kinds[s % kinds.length].name());
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      store.close();
      delete(dir);
    }
  }

  @Benchmark
  public int append(Appending s) {
    LogAppender a = s.store.appender("bench");
    for (int i = 0; i < BATCH; i++) {
      int k = s.at++ % s.lines.length;
      a.append(s.streams[k], s.ts++, s.lines[k], Labels.EMPTY);
    }
    return a.commit();
  }

  /** A flushed store of 16 MiB of lines. */
  @State(Scope.Benchmark)
  public static class Scanning {
    @Param({"true", "false"})
    public boolean skip;

    @SuppressWarnings("NullAway.Init") // set in setup
    Path dir;

    @SuppressWarnings("NullAway.Init") // set in setup
    LogStore store;

    @Setup(Level.Trial)
    public void setup() throws IOException {
      dir = Files.createTempDirectory("logscan");
      store = LogStore.open(dir, LogStoreOptions.DEFAULT.withoutBackground(), Clock.SYSTEM);
      LogLineGenerator gen = new LogLineGenerator(2);
      LogLineGenerator.Kind[] kinds = LogLineGenerator.Kind.values();
      long bytes = 0;
      long ts = 1_704_067_200_000_000_000L;
      while (bytes < 16 << 20) {
        LogAppender a = store.appender("bench");
        for (int i = 0; i < BATCH; i++) {
          int s = i % 40;
          String line = gen.next(kinds[s % kinds.length]);
          bytes += line.length();
          a.append(Labels.of("app", "app" + s), ts++, line, Labels.EMPTY);
        }
        a.commit();
      }
      store.flushAll();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      store.close();
      delete(dir);
    }
  }

  @Benchmark
  public long scan(Scanning s) {
    String needle = "zz9qx7needle";
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    long hits = 0;
    try (LogQuerier q = s.store.querier("bench", Long.MIN_VALUE, Long.MAX_VALUE)) {
      LogSelectHints h =
          new LogSelectHints(
              Direction.FORWARD, s.skip ? List.of(needle) : List.of(), true, new LogReadStats());
      LogStreamSet set = q.select(List.of(Matcher.re("app", ".+")), h);
      while (set.next()) {
        LogCursor c = set.cursor();
        while (c.next()) {
          if (indexOf(c.lineBytes(), c.lineOffset(), c.lineLength(), n)) {
            hits++;
          }
        }
      }
    }
    return hits;
  }

  private static boolean indexOf(byte[] b, int off, int len, byte[] n) {
    outer:
    for (int i = off; i <= off + len - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (b[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
