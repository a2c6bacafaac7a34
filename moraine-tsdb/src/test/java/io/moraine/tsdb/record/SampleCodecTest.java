package io.moraine.tsdb.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleCodecTest {
  private static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  @Test
  void roundTripsEdgeValuesBitExact() {
    SampleBatch in = new SampleBatch(2);
    double[] values = {
      0.0,
      -0.0,
      1.5,
      Double.NaN,
      Double.longBitsToDouble(STALE_NAN_BITS),
      Double.longBitsToDouble(0xfff8000000000123L),
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      1.5
    };
    int[] refs = {0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 7, 7, 6, 1 << 30, 3, 2, 1};
    long[] ts = {0, Long.MAX_VALUE, Long.MIN_VALUE, -5, 1_700_000_000_000L, 1, 1, 0, 0, 9, 9};
    for (int i = 0; i < values.length; i++) {
      in.add(refs[i], ts[i], values[i]);
    }
    SampleBatch out = decode(encode(in));
    assertThat(out.size()).isEqualTo(values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(out.ref(i)).as("ref %d", i).isEqualTo(refs[i]);
      assertThat(out.t(i)).as("t %d", i).isEqualTo(ts[i]);
      assertThat(Double.doubleToRawLongBits(out.v(i)))
          .as("v %d", i)
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void roundTripsRandomBatchesIntoOneReusedBatch() {
    SplittableRandom rnd = new SplittableRandom(42);
    SampleBatch out = new SampleBatch(1);
    RecordBuffer buf = new RecordBuffer(16);
    for (int round = 0; round < 20; round++) {
      SampleBatch in = new SampleBatch();
      int n = rnd.nextInt(0, 3000);
      for (int i = 0; i < n; i++) {
        in.add(rnd.nextInt(), rnd.nextLong(), Double.longBitsToDouble(rnd.nextLong()));
      }
      buf.clear();
      SampleCodec.encode(in, buf);
      SampleCodec.decode(buf.asByteBuffer(), out);
      assertThat(out.size()).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        assertThat(out.ref(i)).isEqualTo(in.ref(i));
        assertThat(out.t(i)).isEqualTo(in.t(i));
        assertThat(Double.doubleToRawLongBits(out.v(i)))
            .isEqualTo(Double.doubleToRawLongBits(in.v(i)));
      }
    }
  }

  @Test
  void typicalScrapeTakesFarLessThanRawBytes() {
    // one scrape: ascending refs, one timestamp, counter-like integer values and gauges
    SampleBatch in = new SampleBatch();
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 2000; i++) {
      double v = i % 2 == 0 ? rnd.nextInt(1_000_000) : Math.round(rnd.nextDouble() * 100) / 4.0;
      in.add(10_000 + i, 1_700_000_000_000L, v);
    }
    byte[] rec = encode(in);
    // raw would be 4 + 8 + 8 = 20 bytes per sample
    assertThat(rec.length / 2000.0).isLessThan(8.0);
    assertThat(decode(rec).v(1999)).isEqualTo(in.v(1999));
  }

  @Test
  void emptyBatchRoundTrips() {
    byte[] rec = encode(new SampleBatch());
    assertThat(rec).containsExactly(RecordType.SAMPLES, 0);
    assertThat(decode(rec).size()).isZero();
  }

  @Test
  void refusesOtherTypesAndTruncatedRecords() {
    SampleBatch in = new SampleBatch();
    in.add(1, 2, 3.0);
    in.add(2, 2, 4.0);
    byte[] rec = encode(in);
    byte[] wrongType = rec.clone();
    wrongType[0] = RecordType.SERIES;
    assertThatThrownBy(() -> decode(wrongType))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("expected a SAMPLES record, found SERIES");
    for (int cut = 1; cut < rec.length; cut++) {
      byte[] truncated = Arrays.copyOf(rec, cut);
      assertThatThrownBy(() -> decode(truncated)).isInstanceOf(MalformedRecordException.class);
    }
  }

  private static byte[] encode(SampleBatch in) {
    RecordBuffer buf = new RecordBuffer();
    SampleCodec.encode(in, buf);
    return buf.toByteArray();
  }

  private static SampleBatch decode(byte[] rec) {
    SampleBatch out = new SampleBatch();
    ByteBuffer b = ByteBuffer.wrap(rec);
    SampleCodec.decode(b, out);
    assertThat(b.hasRemaining()).isFalse();
    return out;
  }
}
