package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.testkit.series.SeriesSamples;
import io.moraine.testkit.series.SyntheticTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the compression reached on the benchmark farm's value mix (the full breakdown comes from
 * {@code io.moraine.bench.ChunkSizeReport}); a change that loses it fails here.
 */
class DenseSizeTest {
  @Test
  void realisticMixStaysUnderOnePointThreeBytesPerSampleAt120() {
    List<SeriesSamples> series =
        SyntheticTarget.generate(1, 2000, 120, 1_700_000_000_000L, 10_000, 0, 42);
    DenseEncoder dense = new DenseEncoder();
    XorAppender xor = new XorAppender();
    long samples = 0;
    long denseBytes = 0;
    long xorBytes = 0;
    for (SeriesSamples s : series) {
      int n = s.timestamps().length;
      denseBytes += dense.encode(s.timestamps(), s.values(), n);
      xor.reset();
      for (int i = 0; i < n; i++) {
        xor.append(s.timestamps()[i], s.values()[i]);
      }
      xorBytes += xor.length();
      samples += n;
    }
    double densePerSample = (double) denseBytes / samples;
    double xorPerSample = (double) xorBytes / samples;
    assertThat(densePerSample).isLessThan(1.3); // measured 1.22; the goal was 1.5
    assertThat(xorPerSample).isBetween(2.0, 2.6); // measured 2.3; Prometheus 2.46
  }
}
