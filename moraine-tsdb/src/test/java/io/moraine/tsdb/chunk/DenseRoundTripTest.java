package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.sample.StaleNaN;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenseRoundTripTest {
  private final DenseEncoder encoder = new DenseEncoder();
  private final DenseDecoder decoder = new DenseDecoder();

  private void assertRoundTrip(long[] ts, double[] vs, int n) {
    int len = encoder.encode(ts, vs, n);
    byte[] chunk = Arrays.copyOf(encoder.bytes(), len);
    // decode from the middle of a larger array, as a chunk file buffer would hold it
    byte[] padded = new byte[chunk.length + 7];
    System.arraycopy(chunk, 0, padded, 3, chunk.length);
    for (byte[] data : new byte[][] {chunk, padded}) {
      int off = data == chunk ? 0 : 3;
      assertThat(decoder.decode(data, off, chunk.length)).isEqualTo(n);
      assertThat(Arrays.copyOf(decoder.timestamps(), n)).isEqualTo(Arrays.copyOf(ts, n));
      assertThat(Samples.bits(decoder.values(), n)).isEqualTo(Samples.bits(vs, n));
      assertThat(Encoding.DENSE.numSamples(data, off, chunk.length)).isEqualTo(n);
    }
  }

  @Test
  void randomisedRoundTripIsBitExact() {
    SplittableRandom r = new SplittableRandom(20261121);
    for (int iteration = 0; iteration < 3000; iteration++) {
      int n = r.nextInt(4) == 0 ? r.nextInt(1, 5) : r.nextInt(1, 800);
      assertRoundTrip(Samples.times(r, n), Samples.values(r, n), n);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 127, 128, 129, 130, 255, 256, 257, 1000})
  void frameBoundaries(int n) {
    SplittableRandom r = new SplittableRandom(n);
    for (int i = 0; i < 50; i++) {
      assertRoundTrip(Samples.times(r, n), Samples.values(r, n), n);
    }
  }

  @Test
  void emptyChunk() {
    assertRoundTrip(new long[0], new double[0], 0);
    assertThat(encoder.encode(new long[0], new double[0], 0)).isEqualTo(1);
  }

  @Test
  void everySpecialValueSurvivesInEveryPosition() {
    int n = 120;
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = -60_000 + i * 15_000L;
    }
    for (double special : Samples.SPECIALS) {
      for (int at : new int[] {0, 1, 59, 119}) {
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
          vs[i] = 1000 + i * 0.25;
        }
        vs[at] = special;
        assertRoundTrip(ts, vs, n);
      }
      double[] all = new double[n];
      Arrays.fill(all, special);
      assertRoundTrip(ts, all, n);
    }
  }

  @Test
  void extremeTimesAndValuesWrapExactly() {
    long[] ts = {Long.MIN_VALUE + 1, -1, 0, Long.MAX_VALUE - 1};
    double[] vs = {-0x1p62, 0x1p62, -0x1p62, 0x1p62};
    assertRoundTrip(ts, vs, 4);
    long[] big = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    double[] mixed = {9.2e18, -9.2e18, 9.2e18, 1};
    assertRoundTrip(big, mixed, 4);
  }

  @Test
  void staleMarkerAtTheEndKeepsTheChunkDecimal() {
    int n = 120;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000L + i * 10_000L;
      vs[i] = 5_000_000 + i * 3;
    }
    int plain = encoder.encode(ts, vs, n);
    vs[n - 1] = StaleNaN.VALUE;
    int stale = encoder.encode(ts, vs, n);
    assertThat(stale).isLessThan(plain + 12);
    assertRoundTrip(ts, vs, n);
  }

  @Test
  void regularTimesAndConstantValuesCostAFewBytes() {
    int n = 720;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000L + i * 10_000L;
      vs[i] = StaleNaN.VALUE;
    }
    assertThat(encoder.encode(ts, vs, n)).isLessThan(40);
  }

  @Test
  void pageSizedStepsAreDividedOut() {
    int n = 120;
    long[] ts = new long[n];
    double[] vs = new double[n];
    SplittableRandom r = new SplittableRandom(7);
    long pages = 1 << 20;
    for (int i = 0; i < n; i++) {
      ts[i] = i * 10_000L;
      pages += r.nextInt(-8, 9);
      vs[i] = pages * 4096.0;
    }
    // 17 possible steps need 5 bits; without the divisor they would need 17
    assertThat(encoder.encode(ts, vs, n)).isLessThan(n * 5 / 8 + 40);
    assertRoundTrip(ts, vs, n);
  }

  @Test
  void refusesTimesThatDoNotIncrease() {
    assertThatThrownBy(() -> encoder.encode(new long[] {5, 5}, new double[] {1, 2}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increase");
    assertThatThrownBy(() -> encoder.encode(new long[] {5, 4}, new double[] {1, 2}, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> encoder.encode(new long[1], new double[1], 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatedChunksFailLoudly() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      int n = r.nextInt(2, 300);
      byte[] chunk = DenseEncoder.encodeToArray(Samples.times(r, n), Samples.values(r, n), n);
      int cut = r.nextInt(chunk.length);
      // the array ends where the chunk is cut, so no stray bytes can make it decode
      byte[] truncated = Arrays.copyOf(chunk, cut);
      assertThatThrownBy(() -> decoder.decode(truncated, 0, cut))
          .isInstanceOf(CorruptChunkException.class);
    }
  }
}
