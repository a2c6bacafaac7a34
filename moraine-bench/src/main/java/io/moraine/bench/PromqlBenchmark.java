package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.time.Clock;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.promql.engine.QueryContext;
import io.moraine.promql.function.FunctionTable;
import io.moraine.promql.value.QueryValue;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.TsdbOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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
 * {@code rate(m[1h])} as an instant query over {@code series} counters with a sample every 15 s
 * (240 samples per series in the window), read from a real store (head, in memory).
 *
 * <pre>
 * ./mvnw -q -B -pl moraine-bench -am package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar PromqlBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 *
 * Samples/s = series × 240 / (time per op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class PromqlBenchmark {
  private static final long STEP = 15_000;
  private static final long HOUR = 3_600_000;

  @Param({"10000"})
  public int series;

  @SuppressWarnings("NullAway.Init") // set in setup
  private Path dir;

  @SuppressWarnings("NullAway.Init") // set in setup
  private Tsdb db;

  private final Engine engine = new Engine(EngineOptions.DEFAULT);

  @SuppressWarnings("NullAway.Init") // set in setup
  private Call rate;

  @Setup(Level.Trial)
  public void load() throws IOException {
    dir = Files.createTempDirectory("moraine-promql-bench");
    db = Tsdb.open(dir, TsdbOptions.DEFAULT, Clock.SYSTEM, new MetricRegistry());
    Labels[] labels = new Labels[series];
    for (int i = 0; i < series; i++) {
      labels[i] =
          Labels.of("__name__", "m", "instance", "host-" + (i / 100), "cpu", Integer.toString(i));
    }
    for (long t = 0; t <= HOUR; t += STEP) {
      Appender app = db.appender();
      for (int i = 0; i < series; i++) {
        app.append(labels[i], t, (double) t / 1000 * (1 + i % 7));
      }
      app.commit();
    }
    VectorSelector vs =
        new VectorSelector("m", List.of(Matcher.eq("__name__", "m")), 0, null, PosRange.NONE);
    rate =
        new Call(
            Objects.requireNonNull(FunctionTable.lookup("rate")).signature(),
            List.of(new MatrixSelector(vs, HOUR, PosRange.NONE)),
            PosRange.NONE);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    db.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public QueryValue rateOverOneHour() {
    return engine.instant(db, rate, HOUR, QueryContext.unlimited());
  }
}
