package io.moraine.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.StringLiteral;
import io.moraine.promql.ast.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prometheus 2.42's {@code String()} of the pieces whose formatting is easy to get wrong. */
class PrinterTest {
  private static final PosRange P = PosRange.NONE;

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "0.5, 0.5",
    "123456, 123456",
    "1234567, 1.234567e+06",
    "1000000, 1e+06",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "1.5e21, 1.5e+21",
    "-2.5e-7, -2.5e-07",
    "Infinity, +Inf",
    "-Infinity, -Inf",
    "NaN, NaN",
    "-0.0, -0",
  })
  void numbersAsGoPrintsFloats(double value, String text) {
    assertThat(Printer.print(new NumberLiteral(value, P))).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "1, 1ms",
    "1500, 1s500ms",
    "5400000, 1h30m",
    "604800000, 1w",
    "864000000, 10d",
    "1209600000, 2w",
    "31536000000, 1y",
    "31622400000, 366d",
    "33019506007, 382d4h5m6s7ms",
  })
  void durationsAsModelDuration(long millis, String text) {
    assertThat(Printer.duration(millis)).isEqualTo(text);
  }

  @Test
  void atTimestampsWithThreeDecimals() {
    assertThat(print(At.timestamp(1_500), 0)).isEqualTo("foo @ 1.500");
    assertThat(print(At.timestamp(-1), 0)).isEqualTo("foo @ -0.001");
    assertThat(print(At.timestamp(1_603_774_568_123L), -60_000))
        .isEqualTo("foo @ 1603774568.123 offset -1m");
    assertThat(print(At.START, 90_000)).isEqualTo("foo @ start() offset 1m30s");
  }

  private static String print(At at, long offset) {
    return Printer.print(
        new VectorSelector("foo", List.of(Matcher.eq("__name__", "foo")), offset, at, P));
  }

  @Test
  void matchersSortedWithoutTheNameMatcher() {
    VectorSelector vs =
        new VectorSelector(
            "foo",
            List.of(Matcher.eq("__name__", "foo"), Matcher.re("z", "a|b"), Matcher.neq("a", "")),
            0,
            null,
            P);
    assertThat(Printer.print(vs)).isEqualTo("foo{a!=\"\",z=~\"a|b\"}");
    VectorSelector nameOnly =
        new VectorSelector(null, List.of(Matcher.eq("__name__", "foo")), 0, null, P);
    assertThat(Printer.print(nameOnly)).isEqualTo("{__name__=\"foo\"}");
  }

  @Test
  void stringsQuotedAsGo() {
    assertThat(Printer.print(new StringLiteral("a\"b\\c\n\t\u0007\u007f\u200bä😀", P)))
        .isEqualTo("\"a\\\"b\\\\c\\n\\t\\a\\x7f\\u200bä😀\"");
  }

  @Test
  void prettyWrapsPastOneHundredCharacters() {
    String q =
        "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))"
            + " / sum by (job) (rate(http_requests_total[5m]))";
    assertThat(Printer.pretty(Parser.parse(q)))
        .isEqualTo(
            """
              sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
            /
              sum by (job) (rate(http_requests_total[5m]))""");
    assertThat(Printer.pretty(Parser.parse("foo + bar"))).isEqualTo("foo + bar");
  }

  /** Where Moraine cannot be Prometheus: pinned so that a change is deliberate. */
  @Test
  void knownDifferences() {
    // Go strings hold bytes; a \xff that is no UTF-8 becomes U+FFFD (Prometheus prints "\xff").
    assertThat(Printer.print(Parser.parse("\"\\xff\""))).isEqualTo("\"\uFFFD\"");
    // Regex errors other than unbalanced parentheses carry Java's wording, not Go's.
    assertThatThrownBy(() -> Parser.parse("foo{a=~\"a{2,1}\"}"))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("1:5: parse error: invalid regular expression \"a{2,1}\"");
    assertThatThrownBy(() -> Parser.parse("foo{a=~\"(\"}"))
        .hasMessage("1:5: parse error: error parsing regexp: missing closing ): `^(?:()$`");
  }
}
