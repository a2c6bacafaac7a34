package io.moraine.logs.logql.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
  @ParameterizedTest
  @CsvSource({
    "1h30m,5400000000000",
    "500ms,500000000",
    "1.5s,1500000000",
    "-2m,-120000000000",
    "0,0",
    "1us,1000",
    "1\u00b5s,1000",
    "3h2m1s4ms,10921004000000"
  })
  void goDurations(String in, long nanos) {
    assertThat(GoDuration.parseNanos(in)).isEqualTo(nanos);
  }

  @Test
  void goDurationErrors() {
    assertThatThrownBy(() -> GoDuration.parseNanos("")).hasMessage("time: invalid duration \"\"");
    assertThatThrownBy(() -> GoDuration.parseNanos("10"))
        .hasMessage("time: missing unit in duration \"10\"");
    assertThatThrownBy(() -> GoDuration.parseNanos("1d"))
        .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    assertThatThrownBy(() -> GoDuration.parseNanos("s")).hasMessage("time: invalid duration \"s\"");
  }

  @ParameterizedTest
  @CsvSource({
    "42,42",
    "5MiB,5242880",
    "2 KB,2000",
    "1.5kib,1536",
    "'1,024 kb',1024000",
    "1GB,1000000000",
    "3b,3",
    "2k,2000",
    "1Ti,1099511627776"
  })
  void humanBytes(String in, long bytes) {
    assertThat(HumanBytes.parse(in)).isEqualTo(bytes);
  }

  @Test
  void humanBytesErrors() {
    assertThatThrownBy(() -> HumanBytes.parse("5 zb")).hasMessage("unhandled size name: zb");
    assertThatThrownBy(() -> HumanBytes.parse("MB"))
        .hasMessage("strconv.ParseFloat: parsing \"\": invalid syntax");
  }

  @Test
  void goFloats() {
    assertThat(GoFloat.parse("1e3")).isEqualTo(1000.0);
    assertThat(GoFloat.parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(GoFloat.parse("nan")).isNaN();
    assertThat(GoFloat.parse(".5")).isEqualTo(0.5);
    for (String bad : new String[] {"", " 1", "1 ", "1d", "1f", "0x10", "1_0", "abc"}) {
      assertThatThrownBy(() -> GoFloat.parse(bad))
          .hasMessage("strconv.ParseFloat: parsing \"" + bad + "\": invalid syntax");
    }
  }
}
