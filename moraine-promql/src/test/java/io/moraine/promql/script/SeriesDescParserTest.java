package io.moraine.promql.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Series descriptions expand as 2.42's {@code parser.ParseSeriesDesc} expands them. */
class SeriesDescParserTest {
  private static SeriesDescription parse(String s) {
    return SeriesDescParser.parse(s, 7);
  }

  /** The values as text: numbers via Go's %v, {@code _} for omitted, {@code stale}. */
  private static String values(String s) {
    StringBuilder sb = new StringBuilder();
    for (SequenceValue v : parse(s).values()) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(StaleNaN.isStale(v.value()) && !v.omitted() ? "stale" : v.toString());
    }
    return sb.toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "m 1 2 3            | 1 2 3",
        "m 0+10x3           | 0 10 20 30",
        "m 5-2x2            | 5 3 1",
        "m 1x2              | 1 1 1",
        "m 0x2              | 0 0 0",
        "m 7x0 8+1x0        | 7 8",
        "m -1+1x2           | -1 0 1",
        "m +3 -4            | 3 -4",
        "m 1 _ 2 _x3 3      | 1 _ 2 _ _ _ 3",
        "m _x0 1            | 1",
        "m stale 1 stale    | stale 1 stale",
        "m NaN Inf -Inf +inf | NaN +Inf -Inf +Inf",
        "m Inf+1x1          | +Inf +Inf",
        "m 1e3 .5 2.         | 1000 0.5 2",
        "m 1e+1x1 1.5e-1    | 10 10 0.15",
        "m 010 08           | 8 8",
        "m                  | ''",
        "m 1 2   3          | 1 2 3",
      })
  void expandsValues(String desc, String expected) {
    assertThat(values(desc.strip())).isEqualTo(expected.equals("''") ? "" : expected);
  }

  @Test
  void incrementsAccumulateByRepeatedAdditionAsGoDoes() {
    List<SequenceValue> vs = parse("m 0+0.1x10").values();
    assertThat(vs).hasSize(11);
    double acc = 0;
    for (SequenceValue v : vs) {
      assertThat(v.value()).isEqualTo(acc);
      acc += 0.1;
    }
    assertThat(vs.getLast().value()).as("not 10 * 0.1").isEqualTo(0.9999999999999999);
  }

  @Test
  void staleIsTheMarkerBitPattern() {
    double v = parse("m stale").values().getFirst().value();
    assertThat(Double.doubleToRawLongBits(v)).isEqualTo(StaleNaN.BITS);
  }

  @Test
  void labels() {
    assertThat(parse("http_requests{job=\"api\", instance='0', path=`/a\\b`} 1").labels())
        .isEqualTo(
            Labels.of("__name__", "http_requests", "job", "api", "instance", "0", "path", "/a\\b"));
    assertThat(parse("{a=\"b\",} 1").labels()).isEqualTo(Labels.of("a", "b"));
    assertThat(parse("{} 1").labels()).isEqualTo(Labels.EMPTY);
    assertThat(parse("ns:rule:sum 1").labels()).isEqualTo(Labels.of("__name__", "ns:rule:sum"));
    assertThat(parse("sum{__name__=\"x\"} 1").labels()).isEqualTo(Labels.of("__name__", "sum"));
    assertThat(parse("{__name__=\"x\", a=\"\\u00e9\\x41\\101\\n\"} 1").labels())
        .isEqualTo(Labels.of("__name__", "x", "a", "éAA\n"));
    assertThat(parse("{a=\"\\xc3\\xa9\"}").labels()).isEqualTo(Labels.of("a", "é"));
    assertThat(parse("{on=\"x\"}").labels()).isEqualTo(Labels.of("on", "x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1 2",
        "m 1x",
        "m 1+1",
        "m 1x2x3",
        "m x3",
        "m 1x1.5",
        "m 1x-1",
        "m _1",
        "m 1a",
        "m stalex3",
        "m Stale",
        "m sum",
        "m 1e",
        "m {a=\"b\"} 1",
        "m{a=\"b\"}1",
        "m{a=~\"b\"} 1",
        "m{a=\"b\" c=\"d\"} 1",
        "m{,} 1",
        "m{a=b} 1",
        "m{a=\"b} 1",
        "m{a=\"\\q\"} 1",
        "m{a='\\\"'} 1",
        "bool 1",
        "nan 1",
        "m 1 # comment",
        "m . 1",
        "m +stale",
      })
  void rejects(String desc) {
    assertThatThrownBy(() -> parse(desc))
        .isInstanceOf(ScriptFormatException.class)
        .satisfies(e -> assertThat(((ScriptFormatException) e).line()).isEqualTo(7))
        .hasMessageStartingWith("line 7: column ");
  }

  @Test
  void errorsNameTheColumn() {
    assertThatThrownBy(() -> parse("m 1 2x"))
        .hasMessage("line 7: column 7: invalid repetition in series values: \"\"");
    assertThatThrownBy(() -> parse("m 1 bogus"))
        .hasMessage(
            "line 7: column 5: unexpected \"bogus\" in series values, expected number or"
                + " \"stale\"");
  }

  @Test
  void nativeHistogramsAreNamedAsUnsupported() {
    assertThatThrownBy(() -> parse("h {{schema:0 sum:1 count:1}}"))
        .hasMessage(
            "line 7: column 3: native histogram values are not supported (Prometheus 2.42"
                + " has none)");
  }

  @Test
  void aRunawayRepetitionIsRefused() {
    assertThatThrownBy(() -> parse("m 1x100000000000"))
        .hasMessageContaining("more than 10000000 values");
  }

  @Test
  void quotedStrings() {
    assertThat(QuotedString.whole("\"a\\tb\"", 1)).isEqualTo("a\tb");
    assertThat(QuotedString.whole("`a\\tb`", 1)).isEqualTo("a\\tb");
    assertThatThrownBy(() -> QuotedString.whole("\"a\" x", 3))
        .isInstanceOf(ScriptFormatException.class);
  }
}
