package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.block.Block;
import io.moraine.tsdb.block.BlockMeta;
import io.moraine.tsdb.compact.BlockWriter;
import io.moraine.tsdb.query.BlockQuerier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
 * A select of about 3,000 series by metric name from a persisted block, then iterating all their
 * samples: the block read path of a PromQL range query. The block holds {@code series} series of
 * 120 samples each (30 min at 15 s, one DENSE chunk per series) under 16 metric names, written with
 * {@link BlockWriter} and opened with {@link Block#open}.
 *
 * <pre>
 * ./mvnw -B -o -q -pl moraine-core,moraine-tsdb,moraine-promql,moraine-ingest,moraine-server,moraine-bench package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar BlockSelectBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>Measured on a shared 2-core machine (another build running), 3,125 series and 375,000 samples
 * per op: 5,158 ± 244 µs/op when the querier looked each series up twice ({@code labels}, then
 * {@code chunks}, each decoding from its restart group's start); 3,403 ± 566 µs/op with the
 * one-pass {@code SeriesCursor} (-34 %); a repeat gave 5,403 ± 521 before and 3,249 ± 361 after.
 * What remains is mostly decoding the DENSE chunks and the per-sample loop; the index is about 2 %
 * of the samples ({@code -prof stack}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class BlockSelectBenchmark {
  private static final long STEP = 15_000;
  private static final int SAMPLES = 120;
  private static final int NAMES = 16;
  private static final long BLOCK_RANGE = 2 * 3_600_000L;

  @Param({"50000"})
  public int series;

  @SuppressWarnings("NullAway.Init") // set in setup
  private Path dir;

  @SuppressWarnings("NullAway.Init") // set in setup
  private Block block;

  private final Matcher byName = Matcher.eq("__name__", "metric_3");

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("moraine-block-select-bench");
    List<Labels> labels = new ArrayList<>(series);
    for (int i = 0; i < series; i++) {
      labels.add(
          Labels.of(
              "__name__",
              "metric_" + (i % NAMES),
              "instance",
              "host-" + (i / 100) + ":9100",
              "job",
              "node",
              "series",
              Integer.toString(i)));
    }
    labels.sort(Comparator.naturalOrder());
    long[] t = new long[SAMPLES];
    double[] v = new double[SAMPLES];
    BlockMeta meta;
    try (BlockWriter w = new BlockWriter(dir, 0, BLOCK_RANGE, 1, List.of(), Clock.SYSTEM)) {
      for (int i = 0; i < labels.size(); i++) {
        for (int j = 0; j < SAMPLES; j++) {
          t[j] = j * STEP + (j * 31L + i) % 7; // a little scrape jitter
          v[j] = (double) j * (1 + i % 13) + (i % 5 == 0 ? Math.sin(j) : 0);
        }
        w.addSeries(labels.get(i), t, v, SAMPLES);
      }
      meta = Objects.requireNonNull(w.finish());
    }
    block = Block.open(dir.resolve(meta.id()));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    block.retire(true);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Returns the sum of the values so that nothing is optimised away. */
  @Benchmark
  public double selectAndIterate() {
    double sum = 0;
    try (BlockQuerier q = new BlockQuerier(block.reader(), 0, BLOCK_RANGE - 1)) {
      SeriesSet set = q.select(true, new SelectHints(0, BLOCK_RANGE - 1), byName);
      @Nullable SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next()) {
          sum += it.atV();
        }
      }
    }
    return sum;
  }
}
