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
import org.openjdk.jmh.annotations.Scope;
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
  private final XorAppender appender = new XorAppender();
  private final DenseEncoder dense = new DenseEncoder();

  @Benchmark
  @OperationsPerInvocation(ChunkMix.SAMPLES_PER_BATCH)
  public long encode(ChunkMix mix) {
    long bytes = 0;
    int n = mix.samplesPerChunk;
    for (int c = mix.chunksPerBatch(); c > 0; c--) {
      int i = mix.nextChunk();
      long[] ts = mix.ts[i];
      double[] vs = mix.vs[i];
      if (mix.enc == Encoding.XOR) {
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
