package io.moraine.bench;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.textparse.MetricType;
import io.moraine.ingest.textparse.PromTextParser;
import io.moraine.ingest.textparse.SampleSink;
import io.moraine.ingest.textparse.SeriesRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Text format 0.0.4 parsing of one real scrape body: {@code /metrics} of the Debian
 * prometheus-node-exporter 1.5.0 of the development machine ({@code node-exporter.prom}, saved
 * once). The primary score is bodies per second; the {@code samples} and {@code bytes} counters are
 * samples/s and bytes/s (MB/s = bytes / 1e6).
 *
 * <pre>
 * ./mvnw -q -B -o -pl moraine-bench -am package -DskipTests
 * java -jar moraine-bench/target/benchmarks.jar PromTextParse -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * {@code knownSeries} is a scrape loop's steady state: one parser per target, fed the body again
 * and again, every series already met. {@code firstScrape} pays for every series: a fresh parser
 * and registry per body. The sink takes HELP/TYPE too, as a scraper keeping metadata does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Xmx1g"})
public class PromTextParseBenchmark {
  private byte[] body = new byte[0];
  private PromTextParser parser = new PromTextParser(new SeriesRegistry());
  private long samplesPerBody;

  /** Per-iteration rates reported next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Rates {
    public long samples;
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      samples = 0;
      bytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    try (InputStream in =
        PromTextParseBenchmark.class.getResourceAsStream("/io/moraine/bench/node-exporter.prom")) {
      body = Objects.requireNonNull(in, "node-exporter.prom").readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parser = new PromTextParser(new SeriesRegistry());
    parser.parse(body, new Sink(null));
    samplesPerBody = parser.samplesParsed();
    System.out.printf(
        "%ninput: %d bytes, %d samples, %.1f bytes/sample%n",
        body.length, samplesPerBody, (double) body.length / samplesPerBody);
  }

  @Benchmark
  public void knownSeries(Rates rates, Blackhole bh) {
    Sink sink = new Sink(bh);
    parser.parse(body, sink);
    bh.consume(sink.sum);
    rates.samples += samplesPerBody;
    rates.bytes += body.length;
  }

  @Benchmark
  public void firstScrape(Rates rates, Blackhole bh) {
    Sink sink = new Sink(bh);
    new PromTextParser(new SeriesRegistry()).parse(body, sink);
    bh.consume(sink.sum);
    rates.samples += samplesPerBody;
    rates.bytes += body.length;
  }

  /** Cheap work per sample that the JIT cannot drop. */
  private static final class Sink implements SampleSink {
    private final @Nullable Blackhole bh;
    long sum;

    Sink(@Nullable Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void series(int seriesId, Labels labels) {
      if (bh != null) {
        bh.consume(labels);
      }
    }

    @Override
    public void sample(int seriesId, long timestampMillis, double value) {
      sum += seriesId + timestampMillis + Double.doubleToRawLongBits(value);
    }

    @Override
    public void help(String metricName, String text) {
      sum += text.length();
    }

    @Override
    public void type(String metricName, MetricType type) {
      sum += type.ordinal();
    }
  }
}
