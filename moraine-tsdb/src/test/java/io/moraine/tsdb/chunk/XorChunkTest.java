package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorChunkTest {
  private final ChunkIterator it = new ChunkIterator();

  @Test
  void randomisedRoundTripIsBitExact() {
    SplittableRandom r = new SplittableRandom(42);
    XorAppender app = new XorAppender(16);
    for (int iteration = 0; iteration < 3000; iteration++) {
      int n = r.nextInt(1, 400);
      long[] ts = Samples.times(r, n);
      double[] vs = Samples.values(r, n);
      app.reset();
      for (int i = 0; i < n; i++) {
        app.append(ts[i], vs[i]);
        assertThat(app.numSamples()).isEqualTo(i + 1);
      }
      assertThat(app.minTime()).isEqualTo(ts[0]);
      assertThat(app.maxTime()).isEqualTo(ts[n - 1]);
      byte[] chunk = Arrays.copyOf(app.bytes(), app.length());
      assertThat(Encoding.XOR.numSamples(chunk, 0, chunk.length)).isEqualTo(n);
      it.reset(Encoding.XOR, chunk, 0, chunk.length);
      long[] gotT = new long[n];
      double[] gotV = new double[n];
      for (int i = 0; i < n; i++) {
        assertThat(it.next()).isTrue();
        gotT[i] = it.atT();
        gotV[i] = it.atV();
      }
      assertThat(it.next()).isFalse();
      assertThat(gotT).isEqualTo(ts);
      assertThat(Samples.bits(gotV, n)).isEqualTo(Samples.bits(vs, n));
    }
  }

  @Test
  void everyPrefixOfAnOpenChunkIsReadable() {
    XorAppender app = new XorAppender();
    SplittableRandom r = new SplittableRandom(1);
    long[] ts = Samples.times(r, 200);
    double[] vs = Samples.values(r, 200);
    for (int i = 0; i < 200; i++) {
      app.append(ts[i], vs[i]);
      it.reset(Encoding.XOR, app.bytes(), 0, app.length());
      int count = 0;
      while (it.next()) {
        assertThat(it.atT()).isEqualTo(ts[count]);
        count++;
      }
      assertThat(count).isEqualTo(i + 1);
    }
  }

  @Test
  void regularScrapesCostAboutOneBitForTheTimestamp() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < 120; i++) {
      app.append(1_700_000_000_000L + i * 15_000L, 42);
    }
    // header, first t, first v, first delta: 19 bytes; then 2 bits per sample
    assertThat(app.length()).isLessThanOrEqualTo(19 + 30);
  }

  @Test
  void refusesTimesThatDoNotIncrease() {
    XorAppender app = new XorAppender();
    app.append(10, 1);
    assertThatThrownBy(() -> app.append(10, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> app.append(9, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(app.numSamples()).isEqualTo(1);
  }

  @Test
  void refusesMoreSamplesThanTheCountHolds() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < XorChunk.MAX_SAMPLES; i++) {
      app.append(i, i);
    }
    assertThatThrownBy(() -> app.append(XorChunk.MAX_SAMPLES, 0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void truncatedChunksFailLoudly() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < 50; i++) {
      app.append(i * 1000L + (i % 3), i * 1.5);
    }
    for (int cut = 0; cut < app.length(); cut++) {
      byte[] truncated = Arrays.copyOf(app.bytes(), cut);
      int len = cut;
      assertThatThrownBy(
              () -> {
                it.reset(Encoding.XOR, truncated, 0, len);
                while (it.next()) {
                  // drain
                }
              })
          .isInstanceOf(CorruptChunkException.class);
    }
  }
}
