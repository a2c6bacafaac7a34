package io.moraine.bench;

import io.moraine.tsdb.chunk.ChunkIterator;
import io.moraine.tsdb.chunk.DenseDecoder;
import io.moraine.tsdb.chunk.Encoding;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chunk decoding throughput in samples per second on the realistic series mix. {@code iterate}
 * walks every sample through one reused {@link ChunkIterator} (the query path); {@code bulk}
 * decodes DENSE chunks straight into arrays (the compaction path; XOR has no bulk form, so there it
 * iterates). One invocation decodes {@value ChunkMix#SAMPLES_PER_BATCH} samples.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkDecodeBenchmark {
  private final ChunkIterator it = new ChunkIterator();
  private final DenseDecoder decoder = new DenseDecoder();

  @Benchmark
  @OperationsPerInvocation(ChunkMix.SAMPLES_PER_BATCH)
  public double iterate(ChunkMix mix) {
    long sumT = 0;
    double sumV = 0;
    for (int c = mix.chunksPerBatch(); c > 0; c--) {
      byte[] chunk = mix.encoded(mix.nextChunk());
      it.reset(mix.enc, chunk, 0, chunk.length);
      while (it.next()) {
        sumT += it.atT();
        sumV += it.atV();
      }
    }
    return sumT + sumV;
  }

  @Benchmark
  @OperationsPerInvocation(ChunkMix.SAMPLES_PER_BATCH)
  public double bulk(ChunkMix mix) {
    if (mix.enc == Encoding.XOR) {
      return iterate(mix);
    }
    double sum = 0;
    for (int c = mix.chunksPerBatch(); c > 0; c--) {
      byte[] chunk = mix.encoded(mix.nextChunk());
      int n = decoder.decode(chunk, 0, chunk.length);
      sum += decoder.timestamps()[n - 1] + decoder.values()[n - 1];
    }
    return sum;
  }
}
