package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedSequenceTest {
  private final PackedSequence.Encoder encoder = new PackedSequence.Encoder();

  /** Encodes, checks the round trip, and returns the order byte and the size in bytes. */
  private int[] roundTrip(long[] xs) {
    BitWriter w = new BitWriter(16);
    int order = encoder.encode(xs, xs.length, w);
    byte[] bytes = Arrays.copyOf(w.bytes(), w.byteLength());
    assertThat(bytes[0]).isEqualTo((byte) order);
    BitReader r = new BitReader();
    r.reset(bytes, 0, bytes.length);
    long[] out = new long[xs.length];
    PackedSequence.decode(r, xs.length, out);
    assertThat(out).isEqualTo(xs);
    return new int[] {order, bytes.length};
  }

  @Test
  void regularSequencesAreStoredAsTwoSeeds() {
    long[] ts = new long[720];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = 1_700_000_000_000L + i * 15_000L;
    }
    int[] res = roundTrip(ts);
    assertThat(res[0]).isEqualTo(PackedSequence.LINEAR);
    assertThat(res[1]).isEqualTo(1 + 6 + 3);
  }

  @Test
  void theCheapestOrderIsChosen() {
    SplittableRandom r = new SplittableRandom(1);
    long[] noise = new long[200];
    long[] counter = new long[200];
    long[] jittered = new long[200];
    long c = 1L << 40;
    for (int i = 0; i < 200; i++) {
      noise[i] = r.nextInt(16);
      c += 1000 + r.nextInt(100);
      counter[i] = c;
      jittered[i] = i * 1000L + r.nextInt(-3, 4);
    }
    assertThat(roundTrip(noise)[0]).isZero();
    assertThat(roundTrip(counter)[0]).isEqualTo(1);
    long[] accelerating = new long[200];
    for (int i = 0; i < 200; i++) {
      accelerating[i] = (long) i * i * 1000 + r.nextInt(2);
    }
    assertThat(roundTrip(accelerating)[0]).isEqualTo(2);
    int[] trend = roundTrip(jittered);
    assertThat(trend[0]).isEqualTo(PackedSequence.TREND);
    assertThat(trend[1]).as("±3 jitter: 7 values, 3 bits").isLessThan(200 * 3 / 8 + 20);
  }

  @Test
  void commonDivisorsAreDividedOut() {
    SplittableRandom r = new SplittableRandom(2);
    for (long g : new long[] {2, 10, 3, 4096, 1_000_000_007L, 1L << 40}) {
      long[] xs = new long[128];
      long x = r.nextLong(1L << 50);
      for (int i = 0; i < xs.length; i++) {
        x += g * r.nextInt(-8, 9);
        xs[i] = x;
      }
      int[] res = roundTrip(xs);
      // 17 steps need 5 bits per sample (order 1) whatever the divisor
      assertThat(res[1]).as("divisor %d", g).isLessThan(128 * 5 / 8 + 30);
    }
    assertThat(PackedSequence.inverseOfOdd(3) * 3).isEqualTo(1);
    assertThat(PackedSequence.inverseOfOdd(-1) * -1).isEqualTo(1);
  }

  @Test
  void wrappingArithmeticRoundTripsAnything() {
    SplittableRandom r = new SplittableRandom(3);
    long[][] cases = {
      {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE},
      {Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 1},
      {0},
      {Long.MIN_VALUE},
      {5, 5},
      {Long.MAX_VALUE - 6, Long.MAX_VALUE - 3, Long.MAX_VALUE, Long.MIN_VALUE + 2},
    };
    for (long[] xs : cases) {
      roundTrip(xs);
    }
    for (int i = 0; i < 2000; i++) {
      int n = r.nextInt(1, 400);
      long[] xs = new long[n];
      int shape = r.nextInt(3);
      for (int j = 0; j < n; j++) {
        xs[j] =
            switch (shape) {
              case 0 -> r.nextLong();
              case 1 -> (j > 0 ? xs[j - 1] : r.nextLong()) + r.nextLong(1L << r.nextInt(1, 63));
              default -> r.nextInt(3) == 0 ? r.nextLong() : j;
            };
      }
      roundTrip(xs);
    }
  }
}
