package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenMetricsParserTest {
  private static RecordingSink parse(String text) {
    RecordingSink sink = new RecordingSink();
    OpenMetricsParser.of(text.getBytes(StandardCharsets.UTF_8)).parse(sink);
    return sink;
  }

  @Test
  void readsEverySyntaxElement() {
    String text =
        """
        # HELP http_requests_total The total, with "quotes" and \\\\ escapes.
        # TYPE http_requests_total counter
        # UNIT http_request_seconds seconds
        http_requests_total{code="200",path="/a b"} 1027 1700000000
        http_requests_total{code="500",path="/a b"} 3 1700000000.5 # {trace_id="abc"} 1.0 1700000000.1
        http_requests_total{path="/a b",code="200"} 1028.5 1.70000001e9
        up 1 1700000000
        {"process_start_time_seconds",job="x"} 1.7e+09 1700000000
        esc{v="a\\\\b\\"c\\nd\\te"} -0.5 -1.25
        empty{e="",f="g"} 7 0
        # EOF
        """;
    RecordingSink sink = parse(text);
    assertThat(sink.lines())
        .containsExactly(
            "http_requests_total{code=\"200\", path=\"/a b\"} 1700000000000 1027.0 0x40900c0000000000",
            "http_requests_total{code=\"500\", path=\"/a b\"} 1700000000500 3.0 0x4008000000000000",
            "http_requests_total{code=\"200\", path=\"/a b\"} 1700000010000 1028.5 0x4090120000000000",
            "up{} 1700000000000 1.0 0x3ff0000000000000",
            "process_start_time_seconds{job=\"x\"} 1700000000000 1.7E9 0x41d954fc40000000",
            "esc{v=\"a\\\\b\\\"c\\nd\\\\te\"} -1250 -0.5 0xbfe0000000000000",
            "empty{f=\"g\"} 0 7.0 0x401c000000000000");
    Labels esc = sink.labels(sink.samples.get(5).id());
    assertThat(esc.get("v")).isEqualTo("a\\b\"c\nd\\te");
  }

  @Test
  void sameSeriesGetsOneIdWhateverTheSpelling() {
    RecordingSink sink =
        parse(
            """
            a{x="1",y="2"} 1 1
            a{y="2",x="1"} 2 2
            a{x="1",y="2"} 3 3
            b 1 1
            b{} 2 2
            {"b"} 3 3
            c{x="1"} 1 1
            # EOF
            """);
    List<Integer> ids = sink.samples.stream().map(RecordingSink.Sample::id).toList();
    assertThat(ids).containsExactly(0, 0, 0, 1, 1, 1, 2);
    assertThat(sink.seriesOrder).containsExactly(0, 1, 2);
    assertThat(sink.labels(0)).isEqualTo(Labels.of("__name__", "a", "x", "1", "y", "2"));
  }

  @Test
  void nanAndInfinitiesAreBitExact() {
    RecordingSink sink =
        parse(
            """
            m{s="a"} NaN 1
            m{s="b"} nan 1
            m{s="c"} +Inf 1
            m{s="d"} -Inf 1
            m{s="e"} inf 1
            m{s="f"} -infinity 1
            m{s="g"} -0 1
            # EOF
            """);
    assertThat(sink.samples.stream().map(RecordingSink.Sample::valueBits).toList())
        .containsExactly(
            0x7ff8000000000001L,
            0x7ff8000000000001L,
            0x7ff0000000000000L,
            0xfff0000000000000L,
            0x7ff0000000000000L,
            0xfff0000000000000L,
            0x8000000000000000L);
  }

  @Test
  void timestampsAreSecondsTimesThousandTruncatedAsGo() {
    RecordingSink sink =
        parse(
            """
            t 1 1.5
            t 1 1e3
            t 1 1.0005
            t 1 -1.5
            t 1 0.001
            t 1 1700000000.123
            t 1 1.7E9
            t 1 -0.0009
            # EOF
            """);
    // Go: int64(ts * 1000); 1.0005 * 1000 is 1000.4999999999999 in float64
    assertThat(sink.samples.stream().map(RecordingSink.Sample::t).toList())
        .containsExactly(1500L, 1000000L, 1000L, -1500L, 1L, 1700000000123L, 1700000000000L, 0L);
  }

  @Test
  void valuesWithManyDigitsAndExponentsRoundCorrectly() {
    String[] values = {
      "0.0012345678901234567",
      "123456.789012345",
      "1.7e-05",
      "12345678901234567890",
      "1e-400",
      "4.9e-324",
      "1.7976931348623157e308",
      "0.1",
      "3.141592653589793",
      "1E22",
      "1e23",
      ".5",
      "5."
    };
    StringBuilder text = new StringBuilder();
    for (String v : values) {
      text.append("v ").append(v).append(" 1\n");
    }
    RecordingSink sink = parse(text + "# EOF");
    for (int i = 0; i < values.length; i++) {
      assertThat(sink.samples.get(i).valueBits())
          .as(values[i])
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(values[i])));
    }
  }

  @Test
  void histogramAndSummaryLabelsAreNormalisedAfterTheirType() {
    RecordingSink sink =
        parse(
            """
            h_bucket{le="1"} 1 1
            # TYPE h histogram
            h_bucket{le="1"} 2 1
            h_bucket{le="0.25"} 2 1
            h_bucket{le="1e-5"} 2 1
            h_bucket{le="+Inf"} 2 1
            h_bucket{le="1.0"} 3 2
            # TYPE s summary
            s{quantile="0.50"} 1 1
            s{le="1"} 1 1
            # EOF
            """);
    assertThat(sink.lines().stream().map(l -> l.substring(0, l.indexOf('}') + 1)).toList())
        .containsExactly(
            "h_bucket{le=\"1\"}",
            "h_bucket{le=\"1.0\"}",
            "h_bucket{le=\"0.25\"}",
            "h_bucket{le=\"1e-05\"}",
            "h_bucket{le=\"+Inf\"}",
            "h_bucket{le=\"1.0\"}",
            "s{quantile=\"0.5\"}",
            "s{le=\"1\"}");
    assertThat(sink.samples.get(1).id()).isEqualTo(sink.samples.get(5).id());
    assertThat(sink.samples.get(0).id()).isNotEqualTo(sink.samples.get(1).id());
  }

  @Test
  void manySeriesGrowTheLocalTable() {
    StringBuilder text = new StringBuilder();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 20_000; i++) {
        text.append("m{i=\"").append(i).append("\"} ").append(round).append(" 1\n");
      }
    }
    RecordingSink sink = parse(text + "# EOF\n");
    assertThat(sink.labelsById).hasSize(20_000);
    for (int i = 0; i < 20_000; i++) {
      assertThat(sink.samples.get(20_000 + i).id()).isEqualTo(sink.samples.get(i).id());
      assertThat(sink.labels(sink.samples.get(i).id()).get("i")).isEqualTo(String.valueOf(i));
    }
  }

  @Test
  void eofWithoutLineBreakIsAccepted() {
    assertThat(parse("a 1 1\n# EOF").samples).hasSize(1);
  }
}
