package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.testkit.data.SeriesGenerator;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Pins the compression reached on the benchmark farm's value mix (the full breakdown comes from
 * {@code io.moraine.bench.ChunkSizeReport}); a change that loses it fails here.
 */
class DenseSizeTest {
  @Test
  void realisticMixStaysUnderOnePointThreeBytesPerSampleAt120() {
    int n = 120;
    SeriesGenerator gen = new SeriesGenerator(42);
    gen.series(1, 2000);
    long[] ts = gen.timestampsMillis(0, n, 0);
    DenseEncoder dense = new DenseEncoder();
    XorAppender xor = new XorAppender();
    long samples = 0;
    long denseBytes = 0;
    long xorBytes = 0;
    for (int s = 0; s < gen.size(); s++) {
      double[] vs = gen.values(s, n);
      denseBytes += dense.encode(ts, vs, n);
      xor.reset();
      for (int i = 0; i < n; i++) {
        xor.append(ts[i], vs[i]);
      }
      xorBytes += xor.length();
      samples += n;
    }
    double densePerSample = (double) denseBytes / samples;
    double xorPerSample = (double) xorBytes / samples;
    System.out.printf(
        Locale.ROOT,
        "dense %.3f B/sample, xor %.3f B/sample (%d samples)%n",
        densePerSample,
        xorPerSample,
        samples);
    assertThat(densePerSample).isLessThan(1.3); // measured 1.22; the goal was 1.5
    assertThat(xorPerSample).isBetween(2.0, 2.6); // measured 2.3; Prometheus 2.46
  }
}
