package io.moraine.bench;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.record.RecordBuffer;
import io.moraine.tsdb.record.SampleBatch;
import io.moraine.tsdb.record.SampleCodec;
import io.moraine.tsdb.wal.Wal;
import io.moraine.tsdb.wal.WalMetrics;
import io.moraine.tsdb.wal.WalOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Throughput of {@link Wal#log} from 4 threads, each logging one SAMPLES record of 2,000 samples
 * (one scrape) per call, 128 MiB segments, fsync every 1 s. Old segments are deleted after every
 * iteration so the disk does not fill.
 *
 * <pre>
 * ./mvnw -q -B -pl moraine-bench -am package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar WalBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 *
 * ops/s is records/s; multiply by the {@code recordBytes} counter for bytes/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class WalBenchmark {
  /** The shared WAL. */
  @State(Scope.Benchmark)
  public static class Log {
    @Param({"1000"})
    public long fsyncIntervalMillis;

    @SuppressWarnings("NullAway.Init") // set in setup
    Path dir;

    @SuppressWarnings("NullAway.Init") // set in setup
    Wal wal;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("moraine-wal-bench");
      wal =
          Wal.open(
              dir,
              new WalOptions(WalOptions.DEFAULT.maxSegmentBytes(), fsyncIntervalMillis),
              new WalMetrics(new MetricRegistry()),
              Clock.SYSTEM);
    }

    @TearDown(Level.Iteration)
    public void dropOldSegments() throws IOException {
      int next = wal.cut();
      wal.truncateBefore(next);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      wal.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** One thread's scrape: 2,000 samples of ascending refs, one timestamp, mixed values. */
  @State(Scope.Thread)
  public static class Scrape {
    @SuppressWarnings("NullAway.Init") // set in setup
    ByteBuffer record;

    @Setup(Level.Trial)
    public void encode() {
      SplittableRandom rnd = new SplittableRandom(Thread.currentThread().threadId());
      SampleBatch batch = new SampleBatch(2000);
      int ref = rnd.nextInt(1_000_000);
      for (int i = 0; i < 2000; i++) {
        double v = i % 2 == 0 ? rnd.nextInt(1_000_000) : rnd.nextDouble() * 100;
        ref += 1 + rnd.nextInt(4);
        batch.add(ref, 1_700_000_000_000L, v);
      }
      RecordBuffer buf = new RecordBuffer();
      SampleCodec.encode(batch, buf);
      record = ByteBuffer.wrap(buf.toByteArray());
    }
  }

  /** Bytes per record, reported next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long recordBytes;
  }

  @Benchmark
  public void log(Log log, Scrape scrape, Bytes bytes) throws IOException {
    log.wal.log(scrape.record);
    bytes.recordBytes += scrape.record.remaining();
  }
}
