package io.moraine.bench;

import io.moraine.testkit.data.SeriesGenerator;
import io.moraine.tsdb.chunk.DenseEncoder;
import io.moraine.tsdb.chunk.Encoding;
import io.moraine.tsdb.chunk.XorAppender;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The chunk benchmarks' data: one synthetic target (2,000 series with the benchmark farm's value
 * mix, 10 s scrapes) cut into chunks of {@code samplesPerChunk}, as raw arrays and pre-encoded,
 * handed out round-robin.
 */
@State(Scope.Thread)
public class ChunkMix {
  /** Samples handled per benchmark invocation: 96 chunks of 120 or 16 of 720. */
  public static final int SAMPLES_PER_BATCH = 11_520;

  @Param({"XOR", "DENSE"})
  public String encoding = "DENSE";

  @Param({"120", "720"})
  public int samplesPerChunk = 120;

  Encoding enc = Encoding.DENSE;
  long[][] ts = new long[0][];
  double[][] vs = new double[0][];
  private byte[][] xor = new byte[0][];
  private byte[][] dense = new byte[0][];
  private int next;

  @Setup
  public void setup() {
    if (SAMPLES_PER_BATCH % samplesPerChunk != 0) {
      throw new IllegalArgumentException("samplesPerChunk must divide " + SAMPLES_PER_BATCH);
    }
    enc = Encoding.valueOf(encoding);
    SeriesGenerator gen = new SeriesGenerator(42);
    gen.series(1, 2000);
    int n = gen.size();
    ts = new long[n][];
    vs = new double[n][];
    xor = new byte[n][];
    dense = new byte[n][];
    DenseEncoder encoder = new DenseEncoder();
    XorAppender app = new XorAppender();
    for (int i = 0; i < n; i++) {
      ts[i] = gen.timestampsMillis(0, samplesPerChunk, 0);
      vs[i] = gen.values(i, samplesPerChunk);
      app.reset();
      for (int j = 0; j < samplesPerChunk; j++) {
        app.append(ts[i][j], vs[i][j]);
      }
      xor[i] = Arrays.copyOf(app.bytes(), app.length());
      int len = encoder.encode(ts[i], vs[i], samplesPerChunk);
      dense[i] = Arrays.copyOf(encoder.bytes(), len);
    }
  }

  int chunksPerBatch() {
    return SAMPLES_PER_BATCH / samplesPerChunk;
  }

  /** The next series' chunk, round-robin. */
  int nextChunk() {
    int i = next;
    next = i + 1 == ts.length ? 0 : i + 1;
    return i;
  }

  /** Chunk {@code i} in the benchmark's encoding. */
  byte[] encoded(int i) {
    return enc == Encoding.XOR ? xor[i] : dense[i];
  }
}
