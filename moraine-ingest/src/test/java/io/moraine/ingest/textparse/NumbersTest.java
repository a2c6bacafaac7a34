package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GoFloat (parsing as Go), OpenMetricsFloat (formatting as Go) and the word-at-a-time scans. */
class NumbersTest {
  private static double parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return GoFloat.parse(MemorySegment.ofArray(b), 0, b.length);
  }

  @Test
  void acceptsGoSpellings() {
    assertThat(parse("1")).isEqualTo(1.0);
    assertThat(parse("+1.5e+2")).isEqualTo(150.0);
    assertThat(parse("-.5E-1")).isEqualTo(-0.05);
    assertThat(parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(parse("-INF")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Double.doubleToRawLongBits(parse("NAN"))).isEqualTo(0x7ff8000000000001L);
    assertThat(parse("1e-400")).isEqualTo(0.0);
    assertThat(parse("000123.4500")).isEqualTo(123.45);
  }

  @Test
  void rejectsWhatGoRejects() {
    for (String s :
        new String[] {
          "", "+", ".", "e5", "1e", "1e+", "0x10", "0x1p4", "1_0", "1d", "1f", " 1", "1 ", "+nan",
          "nan1", "in", "infinit", "1e400", "--1", "1..2"
        }) {
      assertThatThrownBy(() -> parse(s)).as(s).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void fastPathAgreesWithJavaOnRandomDecimals() {
    Random r = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      String s =
          switch (i % 4) {
            case 0 -> Long.toString(r.nextLong() >> r.nextInt(64));
            case 1 -> Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
            case 2 -> String.format("%.6f", r.nextDouble() * 1e9);
            default -> r.nextInt(100000) + "." + r.nextInt(1000) + "e" + (r.nextInt(60) - 30);
          };
      assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
    }
  }

  @Test
  void formatsAsPrometheusFormatOpenMetricsFloat() {
    assertThat(OpenMetricsFloat.format(1)).isEqualTo("1.0");
    assertThat(OpenMetricsFloat.format(0)).isEqualTo("0.0");
    assertThat(OpenMetricsFloat.format(10)).isEqualTo("10.0");
    assertThat(OpenMetricsFloat.format(100000)).isEqualTo("100000.0");
    assertThat(OpenMetricsFloat.format(1e6)).isEqualTo("1e+06");
    assertThat(OpenMetricsFloat.format(2.5)).isEqualTo("2.5");
    assertThat(OpenMetricsFloat.format(0.005)).isEqualTo("0.005");
    assertThat(OpenMetricsFloat.format(0.0001)).isEqualTo("0.0001");
    assertThat(OpenMetricsFloat.format(0.00001)).isEqualTo("1e-05");
    assertThat(OpenMetricsFloat.format(-123456789.0)).isEqualTo("-1.23456789e+08");
    assertThat(OpenMetricsFloat.format(1e100)).isEqualTo("1e+100");
    assertThat(OpenMetricsFloat.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(OpenMetricsFloat.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(OpenMetricsFloat.format(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void scansAgreeWithByteLoops() {
    Random r = new Random(3);
    byte[] b = new byte[997];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) " \n\"ab#\\".charAt(r.nextInt(7));
    }
    MemorySegment in = MemorySegment.ofArray(b);
    long newlines = 0;
    for (byte x : b) {
      newlines += x == '\n' ? 1 : 0;
    }
    assertThat(Scan.countLineBreaks(in, 0, b.length)).isEqualTo(newlines);
    for (int from = 0; from < b.length; from += 13) {
      long expected = b.length;
      for (int i = from; i < b.length; i++) {
        if (b[i] == '"' || b[i] == '\\' || b[i] == '#') {
          expected = i;
          break;
        }
      }
      assertThat(
              Scan.findAny(
                  in, from, b.length, Scan.pattern('"'), Scan.pattern('\\'), Scan.pattern('#')))
          .isEqualTo(expected);
      long last = -1;
      for (int i = from - 1; i >= 0; i--) {
        if (b[i] == '#') {
          last = i;
          break;
        }
      }
      assertThat(Scan.findLast(in, 0, from, '#')).isEqualTo(last);
    }
  }
}
