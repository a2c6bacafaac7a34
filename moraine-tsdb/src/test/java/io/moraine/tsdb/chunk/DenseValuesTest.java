package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.sample.StaleNaN;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseValuesTest {
  private final DenseValues.Encoder encoder = new DenseValues.Encoder();

  /** Encodes, checks the bit-exact round trip, returns the mode byte. */
  private int mode(double[] vs) {
    BitWriter w = new BitWriter(16);
    encoder.encode(vs, vs.length, w);
    byte[] bytes = Arrays.copyOf(w.bytes(), w.byteLength());
    BitReader r = new BitReader();
    r.reset(bytes, 0, bytes.length);
    double[] out = new double[vs.length];
    new DenseValues.Decoder().decode(r, vs.length, out);
    assertThat(Samples.bits(out, vs.length)).isEqualTo(Samples.bits(vs, vs.length));
    return bytes[0];
  }

  @Test
  void identicalBitsAreConst() {
    double[] vs = new double[50];
    Arrays.fill(vs, StaleNaN.VALUE);
    assertThat(mode(vs)).isEqualTo(DenseValues.CONST);
    Arrays.fill(vs, -0.0);
    assertThat(mode(vs)).isEqualTo(DenseValues.CONST);
  }

  @Test
  void printedDecimalsAreDecimal() {
    double[] vs = new double[120];
    double v = 12_345.67;
    for (int i = 0; i < vs.length; i++) {
      v = Math.rint((v + 0.37 * (i % 7)) * 100) / 100;
      vs[i] = v;
    }
    assertThat(mode(vs)).isEqualTo(DenseValues.DECIMAL);
    for (int i = 0; i < vs.length; i++) {
      vs[i] = 1.7e9 + i * 10.000123; // seconds since the epoch with micros: 6 decimals
      vs[i] = Math.rint(vs[i] * 1e6) / 1e6;
    }
    assertThat(mode(vs)).isEqualTo(DenseValues.DECIMAL);
  }

  @Test
  void aFewSpecialValuesStayDecimalAsExceptions() {
    double[] vs = new double[120];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = i * 3;
    }
    vs[0] = Double.NaN;
    vs[60] = -0.0;
    vs[119] = StaleNaN.VALUE;
    assertThat(mode(vs)).isEqualTo(DenseValues.DECIMAL);
    for (int i = 0; i < DenseValues.maxExceptions(120); i++) {
      vs[i * 2] = Double.POSITIVE_INFINITY;
    }
    assertThat(mode(vs)).isEqualTo(DenseValues.XOR);
  }

  @Test
  void fullPrecisionNoiseIsXor() {
    SplittableRandom r = new SplittableRandom(4);
    double[] vs = new double[120];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = 0.003 * Math.exp(r.nextDouble() - 0.5);
    }
    assertThat(mode(vs)).isEqualTo(DenseValues.XOR);
  }

  @Test
  void rareLargeJumpsPreferXorWhenSmaller() {
    SplittableRandom r = new SplittableRandom(5);
    double[] vs = new double[120];
    double v = 1e15;
    for (int i = 0; i < vs.length; i++) {
      if (i % 30 == 0) {
        v = r.nextLong(1L << 52);
      }
      vs[i] = v;
    }
    // four distinct values: decimal deltas pack 52 bits each, XOR spends one bit per repeat
    assertThat(mode(vs)).isEqualTo(DenseValues.XOR);
  }

  @Test
  void decimalCheckIsTheDecodersComputation() {
    assertThat(Decimal.exponentOf(0.1, 0)).isEqualTo(1);
    assertThat(Decimal.exponentOf(1e-9, 0)).isEqualTo(9);
    assertThat(Decimal.exponentOf(12345.678901234, 0)).isEqualTo(9);
    assertThat(Decimal.exponentOf(-0.0, 0)).isEqualTo(-1);
    assertThat(Decimal.exponentOf(Double.NaN, 0)).isEqualTo(-1);
    assertThat(Decimal.exponentOf(Double.POSITIVE_INFINITY, 0)).isEqualTo(-1);
    assertThat(Decimal.exponentOf(Math.PI, 0)).isEqualTo(15); // 16 digits still fit
    assertThat(Decimal.exponentOf(1e-30, 0)).isEqualTo(-1);
    assertThat(Decimal.exponentOf(0x1p62, 0)).isZero();
    assertThat(Decimal.exponentOf(1e300, 0)).isEqualTo(-1);
  }
}
