package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The point writer against the string formatting it replaces. */
class PointWriterTest {
  private static String viaWriter(long t, double v) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = ApiJson.FACTORY.createGenerator(out)) {
      new PointWriter().write(g, t, v);
    }
    return out.toString();
  }

  private static String viaStrings(long t, double v) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = ApiJson.FACTORY.createGenerator(out)) {
      ApiJson.writePoint(g, t, v);
    }
    return out.toString();
  }

  @Test
  void writesWhatTheStringFormattingWrites() throws Exception {
    long[] times = {
      0, 1, 999, 1000, 1500, 1_435_781_451_781L, -1, -1500, -1000, Long.MAX_VALUE, Long.MIN_VALUE
    };
    double[] values = {
      0.0,
      -0.0,
      1,
      -1,
      0.5,
      42,
      1e15,
      1e15 - 1,
      -1e15 + 1,
      999_999_999_999_999.0,
      16e9,
      1.6e10 + 0.5,
      1e21,
      1e-7,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      9_007_199_254_740_993.0
    };
    for (long t : times) {
      for (double v : values) {
        assertThat(viaWriter(t, v)).as("t=%d v=%s", t, v).isEqualTo(viaStrings(t, v));
      }
    }
  }

  @Test
  void randomPointsToo() throws Exception {
    Random r = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long t = r.nextLong() / (1 + r.nextInt(1 << 20));
      double v =
          switch (i % 4) {
            case 0 -> (double) (r.nextLong() >> r.nextInt(64));
            case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            case 2 -> Double.longBitsToDouble(r.nextLong());
            default -> -r.nextInt(1_000_000);
          };
      assertThat(viaWriter(t, v)).as("t=%d v=%s", t, v).isEqualTo(viaStrings(t, v));
    }
  }

  @Test
  void integralValuesAndMillisecondsLookAsPrometheusWritesThem() throws Exception {
    assertThat(viaWriter(1_435_781_451_781L, 1)).isEqualTo("[1435781451.781,\"1\"]");
    assertThat(viaWriter(1_500, 16e9)).isEqualTo("[1.500,\"16000000000\"]");
    assertThat(viaWriter(-1_050, -3)).isEqualTo("[-1.050,\"-3\"]");
  }
}
