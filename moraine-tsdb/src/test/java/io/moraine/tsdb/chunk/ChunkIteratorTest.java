package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChunkIteratorTest {
  private static final long[] TS = {-20, -10, 0, 10, 25, 40};
  private static final double[] VS = {1, 2, 3, 4, 5, 6};

  private static byte[] chunk(Encoding enc, long[] ts, double[] vs, int n) {
    if (enc == Encoding.DENSE) {
      return DenseEncoder.encodeToArray(ts, vs, n);
    }
    XorAppender app = new XorAppender();
    for (int i = 0; i < n; i++) {
      app.append(ts[i], vs[i]);
    }
    return Arrays.copyOf(app.bytes(), app.length());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void seekFindsTheFirstSampleAtOrAfterAndNeverGoesBack(Encoding enc) {
    byte[] c = chunk(enc, TS, VS, TS.length);
    ChunkIterator it = new ChunkIterator().reset(enc, c, 0, c.length);
    assertThat(it.seek(-100)).isTrue();
    assertThat(it.atT()).isEqualTo(-20);
    assertThat(it.seek(-15)).isTrue();
    assertThat(it.atT()).isEqualTo(-10);
    assertThat(it.atV()).isEqualTo(2);
    assertThat(it.seek(-10)).isTrue();
    assertThat(it.atT()).isEqualTo(-10);
    assertThat(it.seek(-50)).as("seek backwards stays").isTrue();
    assertThat(it.atT()).isEqualTo(-10);
    assertThat(it.next()).isTrue();
    assertThat(it.atT()).isEqualTo(0);
    assertThat(it.seek(26)).isTrue();
    assertThat(it.atT()).isEqualTo(40);
    assertThat(it.atV()).isEqualTo(6);
    assertThat(it.seek(40)).isTrue();
    assertThat(it.seek(41)).isFalse();
    assertThat(it.next()).isFalse();
    assertThat(it.seek(0)).as("exhausted stays exhausted").isFalse();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void seekAfterTheEndAndNextAfterThat(Encoding enc) {
    byte[] c = chunk(enc, TS, VS, TS.length);
    ChunkIterator it = new ChunkIterator().reset(enc, c, 0, c.length);
    assertThat(it.seek(1000)).isFalse();
    assertThat(it.next()).isFalse();
    it.reset(enc, c, 0, c.length);
    assertThat(it.seek(40)).isTrue();
    assertThat(it.next()).isFalse();
    assertThat(it.next()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void seekMatchesALinearScanOnRandomChunks(Encoding enc) {
    SplittableRandom r = new SplittableRandom(99);
    ChunkIterator it = new ChunkIterator();
    for (int iteration = 0; iteration < 300; iteration++) {
      int n = r.nextInt(1, 300);
      long[] ts = Samples.times(r, n);
      double[] vs = Samples.values(r, n);
      byte[] c = chunk(enc, ts, vs, n);
      it.reset(enc, c, 0, c.length);
      int pos = -1;
      for (int step = 0; step < 10; step++) {
        long target = ts[r.nextInt(n)] + r.nextLong(-3, 4);
        int expected = pos;
        if (expected < 0 || ts[expected] < target) {
          expected = Math.max(pos, 0);
          while (expected < n && ts[expected] < target) {
            expected++;
          }
        }
        boolean found = it.seek(target);
        if (expected >= n) {
          assertThat(found).isFalse();
          break;
        }
        assertThat(found).isTrue();
        assertThat(it.atT()).isEqualTo(ts[expected]);
        assertThat(Double.doubleToRawLongBits(it.atV()))
            .isEqualTo(Double.doubleToRawLongBits(vs[expected]));
        pos = expected;
        if (r.nextBoolean()) {
          boolean more = it.next();
          pos++;
          assertThat(more).isEqualTo(pos < n);
          if (!more) {
            break;
          }
          assertThat(it.atT()).isEqualTo(ts[pos]);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void oneIteratorWalksManyChunks(Encoding enc) {
    ChunkIterator it = new ChunkIterator();
    for (int n = 0; n < 5; n++) {
      byte[] c = chunk(enc, TS, VS, Math.max(n, enc == Encoding.XOR ? 1 : 0));
      it.reset(enc, c, 0, c.length);
      int count = 0;
      while (it.next()) {
        assertThat(it.atT()).isEqualTo(TS[count]);
        count++;
      }
      assertThat(count).isEqualTo(Math.max(n, enc == Encoding.XOR ? 1 : 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aFreshIteratorIsEmpty(Encoding enc) {
    ChunkIterator it = new ChunkIterator();
    assertThat(it.next()).isFalse();
    assertThat(it.seek(0)).isFalse();
    byte[] c = chunk(enc, TS, VS, 1);
    assertThatThrownBy(() -> it.reset(enc, c, 1, c.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
