package io.moraine.bench;

import io.moraine.tsdb.chunk.DenseEncoder;
import io.moraine.tsdb.chunk.Encoding;
import io.moraine.tsdb.chunk.XorAppender;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Chunk encoding throughput in samples per second on the realistic series mix: XOR one sample at a
 * time through {@link XorAppender} (the head's path), DENSE a whole chunk at a time (the block
 * writer's path). One invocation encodes {@value ChunkMix#SAMPLES_PER_BATCH} samples of consecutive
 * series.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkEncodeBenchmark {
  @Param({"XOR", "DENSE"})
  public String encoding = "DENSE";

  @Param({"120", "720"})
  public int samplesPerChunk = 120;

  private ChunkMix mix = new ChunkMix(120);
  private Encoding enc = Encoding.DENSE;
  private final XorAppender appender = new XorAppender();
  private final DenseEncoder dense = new DenseEncoder();
  private int next;

  @Setup
  public void setup() {
    mix = new ChunkMix(samplesPerChunk);
    enc = Encoding.valueOf(encoding);
  }

  @Benchmark
  @OperationsPerInvocation(ChunkMix.SAMPLES_PER_BATCH)
  public long encode() {
    long bytes = 0;
    int n = samplesPerChunk;
    for (int c = mix.chunksPerBatch(); c > 0; c--) {
      int i = next;
      next = i + 1 == mix.numChunks() ? 0 : i + 1;
      long[] ts = mix.ts[i];
      double[] vs = mix.vs[i];
      if (enc == Encoding.XOR) {
        appender.reset();
        for (int j = 0; j < n; j++) {
          appender.append(ts[j], vs[j]);
        }
        bytes += appender.length();
      } else {
        bytes += dense.encode(ts, vs, n);
      }
    }
    return bytes;
  }
}
