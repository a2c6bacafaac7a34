package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.textparse.OpenMetricsParser;
import io.moraine.ingest.textparse.ParallelParse;
import io.moraine.ingest.textparse.SampleSink;
import io.moraine.ingest.textparse.SeriesRegistry;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * OpenMetrics import parsing, whole input per operation, scores in samples per second; MB/s is the
 * score times the bytes per sample printed at setup.
 *
 * <pre>
 * ./mvnw -q -B -pl moraine-bench -am package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar OpenMetricsParse -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 *
 * Each operation starts with a fresh registry and parsers, so series creation (one in {@link
 * #POINTS} lines) is paid as in a real import. The input is a native segment, as a mapped file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Xmx2g"})
public class OpenMetricsParseBenchmark {
  private static final int TARGETS = 5;
  private static final int SERIES_PER_TARGET = 2000;

  /** Samples per series: with 30, one line in 30 creates a series, as a 5-minute import at 10s. */
  private static final int POINTS = 30;

  private static final int SAMPLES = TARGETS * SERIES_PER_TARGET * POINTS;

  private Arena arena = Arena.ofShared();
  private MemorySegment input = MemorySegment.NULL;

  @Setup(Level.Trial)
  public void setUp() {
    byte[] bytes = OpenMetricsInput.generate(TARGETS, SERIES_PER_TARGET, POINTS);
    arena = Arena.ofShared();
    input = arena.allocate(bytes.length, 64);
    MemorySegment.copy(bytes, 0, input, ValueLayout.JAVA_BYTE, 0, bytes.length);
    System.out.printf(
        "%ninput: %d bytes, %d samples, %.1f bytes/sample%n",
        bytes.length, SAMPLES, (double) bytes.length / SAMPLES);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void oneThread(Blackhole bh) {
    Sink sink = new Sink(bh);
    new OpenMetricsParser(input, new SeriesRegistry()).parse(sink);
    bh.consume(sink.sum);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void twoThreads(Blackhole bh) throws InterruptedException {
    Sink a = new Sink(bh);
    Sink b = new Sink(bh);
    bh.consume(ParallelParse.parse(input, new SeriesRegistry(), List.of(a, b)));
    bh.consume(a.sum + b.sum);
  }

  /** Cheap work per sample that the JIT cannot drop. */
  private static final class Sink implements SampleSink {
    private final Blackhole bh;
    long sum;

    Sink(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void series(int seriesId, Labels labels) {
      bh.consume(labels);
    }

    @Override
    public void sample(int seriesId, long timestampMillis, double value) {
      sum += seriesId + timestampMillis + Double.doubleToRawLongBits(value);
    }
  }
}
