package io.moraine.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's ParseInt(s, 0, 64)-then-ParseFloat reading of numbers, and its %v rendering. */
class GoNumbersTest {
  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "-2, -2",
    "+3, 3",
    "0x1F, 31",
    "0o17, 15",
    "0b101, 5",
    "017, 15",
    "08, 8",
    "1_000, 1000",
    "0x_1f, 31",
    "1.5, 1.5",
    ".5, 0.5",
    "5., 5",
    "1e3, 1000",
    "1E-2, 0.01",
    "1_0.5, 10.5",
    "0x1p-2, 0.25",
    "0x1.8P1, 3",
    "NaN, NaN",
    "nan, NaN",
    "Inf, Infinity",
    "-inf, -Infinity",
    "+Infinity, Infinity",
    "9223372036854775807, 9.223372036854775807E18",
    "-9223372036854775808, -9.223372036854775808E18",
    "99999999999999999999, 1.0E20",
  })
  void parses(String in, double expected) {
    assertThat(GoNumbers.parse(in)).hasValue(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "-", "+NaN", "-nan", "1_", "_1", "1__0", "0x", "0x1.8", "1e", "1e400", "1d", "1f", " 1",
        "1 ", "0x1g", "infinit", "１", "1e_3", "{} 1"
      })
  void rejects(String in) {
    assertThat(GoNumbers.parse(in)).isEmpty();
  }
}
