package io.moraine.bench;

import io.moraine.testkit.series.SeriesSamples;
import io.moraine.testkit.series.SyntheticTarget;
import io.moraine.tsdb.chunk.DenseEncoder;
import io.moraine.tsdb.chunk.Encoding;
import io.moraine.tsdb.chunk.XorAppender;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks' data: one synthetic target (2,000 series with the benchmark farm's value mix, 10
 * s scrapes) cut into chunks of {@code samplesPerChunk}, as raw arrays and pre-encoded.
 */
final class ChunkMix {
  /** Samples handled per benchmark invocation: 96 chunks of 120 or 16 of 720. */
  static final int SAMPLES_PER_BATCH = 11_520;

  final int samplesPerChunk;
  final long[][] ts;
  final double[][] vs;
  final byte[][] xor;
  final byte[][] dense;

  ChunkMix(int samplesPerChunk) {
    if (SAMPLES_PER_BATCH % samplesPerChunk != 0) {
      throw new IllegalArgumentException("samplesPerChunk must divide " + SAMPLES_PER_BATCH);
    }
    this.samplesPerChunk = samplesPerChunk;
    List<SeriesSamples> series =
        SyntheticTarget.generate(1, 2000, samplesPerChunk, 1_700_000_000_000L, 10_000, 0, 42);
    int n = series.size();
    ts = new long[n][];
    vs = new double[n][];
    xor = new byte[n][];
    dense = new byte[n][];
    DenseEncoder enc = new DenseEncoder();
    XorAppender app = new XorAppender();
    for (int i = 0; i < n; i++) {
      ts[i] = series.get(i).timestamps();
      vs[i] = series.get(i).values();
      app.reset();
      for (int j = 0; j < samplesPerChunk; j++) {
        app.append(ts[i][j], vs[i][j]);
      }
      xor[i] = Arrays.copyOf(app.bytes(), app.length());
      int len = enc.encode(ts[i], vs[i], samplesPerChunk);
      dense[i] = Arrays.copyOf(enc.bytes(), len);
    }
  }

  int chunksPerBatch() {
    return SAMPLES_PER_BATCH / samplesPerChunk;
  }

  int numChunks() {
    return ts.length;
  }

  byte[] encoded(Encoding e, int chunk) {
    return e == Encoding.XOR ? xor[chunk] : dense[chunk];
  }
}
