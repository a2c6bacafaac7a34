package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromTextParserTest {
  /** Prometheus 2.42's {@code TestPromParse} input, with the labels and values it expects. */
  @Test
  void prometheusOwnParseTest() {
    String input =
        """
        # HELP go_gc_duration_seconds A summary of the GC invocation durations.
        # \tTYPE go_gc_duration_seconds summary
        go_gc_duration_seconds{quantile="0"} 4.9351e-05
        go_gc_duration_seconds{quantile="0.25",} 7.424100000000001e-05
        go_gc_duration_seconds{quantile="0.5",a="b"} 8.3835e-05
        go_gc_duration_seconds{quantile="0.8", a="b"} 8.3835e-05
        go_gc_duration_seconds{ quantile="0.9", a="b"} 8.3835e-05
        # Hrandom comment starting with prefix of HELP
        #
        wind_speed{A="2",c="3"} 12345
        # comment with escaped \\n newline
        # comment with escaped \\ escape character
        # HELP nohelp1
        # HELP nohelp2\s
        go_gc_duration_seconds{ quantile="1.0", a="b" } 8.3835e-05
        go_gc_duration_seconds { quantile="1.0", a="b" } 8.3835e-05
        go_gc_duration_seconds { quantile= "1.0", a= "b", } 8.3835e-05
        go_gc_duration_seconds { quantile = "1.0", a = "b" } 8.3835e-05
        go_gc_duration_seconds_count 99
        some:aggregate:rate5m{a_b="c"}\t1
        # HELP go_goroutines Number of goroutines that currently exist.
        # TYPE go_goroutines gauge
        go_goroutines 33  \t123123
        _metric_starting_with_underscore 1
        testmetric{_label_starting_with_underscore="foo"} 1
        testmetric{label="\\"bar\\""} 1"""
            + "\n# HELP metric foo\u0000bar"
            + "\nnull_byte_metric{a=\"abc\u0000\"} 1";
    RecordingSink sink = parse(input);
    assertThat(withoutBits(sink))
        .containsExactly(
            "go_gc_duration_seconds{quantile=\"0\"} " + none() + " 4.9351E-5",
            "go_gc_duration_seconds{quantile=\"0.25\"} " + none() + " 7.424100000000001E-5",
            "go_gc_duration_seconds{a=\"b\", quantile=\"0.5\"} " + none() + " 8.3835E-5",
            "go_gc_duration_seconds{a=\"b\", quantile=\"0.8\"} " + none() + " 8.3835E-5",
            "go_gc_duration_seconds{a=\"b\", quantile=\"0.9\"} " + none() + " 8.3835E-5",
            "wind_speed{A=\"2\", c=\"3\"} " + none() + " 12345.0",
            "go_gc_duration_seconds{a=\"b\", quantile=\"1.0\"} " + none() + " 8.3835E-5",
            "go_gc_duration_seconds{a=\"b\", quantile=\"1.0\"} " + none() + " 8.3835E-5",
            "go_gc_duration_seconds{a=\"b\", quantile=\"1.0\"} " + none() + " 8.3835E-5",
            "go_gc_duration_seconds{a=\"b\", quantile=\"1.0\"} " + none() + " 8.3835E-5",
            "go_gc_duration_seconds_count{} " + none() + " 99.0",
            "some:aggregate:rate5m{a_b=\"c\"} " + none() + " 1.0",
            "go_goroutines{} 123123 33.0",
            "_metric_starting_with_underscore{} " + none() + " 1.0",
            "testmetric{_label_starting_with_underscore=\"foo\"} " + none() + " 1.0",
            "testmetric{label=\"\\\"bar\\\"\"} " + none() + " 1.0",
            "null_byte_metric{a=\"abc\u0000\"} " + none() + " 1.0");
    assertThat(sink.metadata.get("go_gc_duration_seconds"))
        .containsExactly("summary", "A summary of the GC invocation durations.");
    assertThat(sink.metadata.get("nohelp1")).containsExactly("unknown", "");
    assertThat(sink.metadata.get("nohelp2")).containsExactly("unknown", "");
    assertThat(sink.metadata.get("metric")).containsExactly("unknown", "foo\u0000bar");
    assertThat(sink.metadata).hasSize(5);
    // four spellings of one label set share one series
    assertThat(sink.labelsById).hasSize(14);
  }

  @Test
  void labelValueAndHelpEscapes() {
    RecordingSink sink =
        parse(
            "# HELP m a\\\\b\\nc\\\"d\\q\\\n"
                + "m{a=\"x\\\\y\",b=\"q\\\"r\",c=\"s\\nt\",d=\"u\\tv\",e=\"raw\nbreak\"} 1\n");
    assertThat(sink.metadata.get("m")).containsExactly("unknown", "a\\b\nc\\\"d\\q\\");
    Labels l = sink.labels(0);
    assertThat(l.get("a")).isEqualTo("x\\y");
    assertThat(l.get("b")).isEqualTo("q\"r");
    assertThat(l.get("c")).isEqualTo("s\nt");
    assertThat(l.get("d")).isEqualTo("u\\tv");
    assertThat(l.get("e")).isEqualTo("raw\nbreak");
  }

  @Test
  void specialValuesAndGoFloatSpellings() {
    RecordingSink sink =
        parse(
            "a NaN\nb +Inf\nc -Inf\nd nan\ne inf\nf -Infinity\ng .5\nh 1.\ni -0\nj 1E3\n"
                + "k 0.1e-400\nl 007\n");
    assertThat(values(sink))
        .containsExactly(
            0x7ff8000000000001L,
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
            0x7ff8000000000001L,
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
            Double.doubleToRawLongBits(0.5),
            Double.doubleToRawLongBits(1.0),
            Double.doubleToRawLongBits(-0.0),
            Double.doubleToRawLongBits(1000.0),
            Double.doubleToRawLongBits(0.0),
            Double.doubleToRawLongBits(7.0));
  }

  @Test
  void timestampsAreOptionalUnsignedMillis() {
    RecordingSink sink =
        parse("a 1 0\nb 2 9223372036854775807\nc 3\t \nd{} 4 0001700000000000  \ne{}5\n");
    assertThat(sink.samples)
        .extracting(RecordingSink.Sample::t)
        .containsExactly(
            0L, Long.MAX_VALUE, SampleSink.NO_TIMESTAMP, 1700000000000L, SampleSink.NO_TIMESTAMP);
  }

  @Test
  void emptyLabelValuesAreDroppedAndBlankLinesAndCommentsSkipped() {
    RecordingSink sink = parse("\n  \n\t\n#x\n# x\na{b=\"\",c=\"d\"} 1\n# EOF\nz 1");
    assertThat(withoutBits(sink))
        .containsExactly("a{c=\"d\"} " + none() + " 1.0", "z{} " + none() + " 1.0");
  }

  @Test
  void aNulByteWhereALineStartsEndsTheInput() {
    assertThat(parse("a 1\n\u0000b 2\n").samples).hasSize(1);
    assertThat(parse("a 1\n  \u0000 garbage\n").samples).hasSize(1);
    assertThat(parse("a 1\n#x\u0000y\nb 2\n").samples).hasSize(1);
  }

  @Test
  void bodyAfterBodyReusesSeriesWithoutAnnouncingThemAgain() {
    SeriesRegistry registry = new SeriesRegistry();
    PromTextParser parser = new PromTextParser(registry);
    RecordingSink sink = new RecordingSink();
    byte[] body = "x 0\na{b=\"1\"} 1\na{b=\"2\"} 2\n".getBytes(StandardCharsets.UTF_8);
    byte[] framed = new byte[body.length + 6];
    System.arraycopy(body, 0, framed, 3, body.length);
    parser.parse(body, 0, body.length, sink);
    parser.parse(framed, 3, body.length, sink);
    parser.parse(ByteBuffer.wrap(body), sink);
    ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
    parser.parse(direct, sink);
    assertThat(direct.position()).isZero();
    assertThat(sink.seriesOrder).containsExactly(0, 1, 2);
    assertThat(sink.samples).hasSize(12);
    assertThat(parser.seriesKeys()).isEqualTo(3);
    assertThat(registry.size()).isEqualTo(3);
    parser.forgetSeriesKeys();
    parser.parse(body, 0, body.length, sink);
    assertThat(sink.seriesOrder).hasSize(3);
    assertThat(sink.samples.get(14).id()).isEqualTo(2);
  }

  @Test
  void knownSeriesCostNoAllocationPerSample() throws Exception {
    StringBuilder text = new StringBuilder("# HELP not_a_sample with metadata\n");
    for (int i = 0; i < 2000; i++) {
      text.append("metric_").append(i % 7).append("{instance=\"host-").append(i);
      text.append("\",le=\"+Inf\"} ")
          .append(i % 3 == 0 ? "NaN" : "123.25e-3")
          .append(" 1700000000000\n");
    }
    byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
    PromTextParser parser = new PromTextParser(new SeriesRegistry());
    SampleSink sink =
        new SampleSink() {
          @Override
          public void series(int seriesId, Labels labels) {}

          @Override
          public void sample(int seriesId, long timestampMillis, double value) {}
        };
    for (int i = 0; i < 300; i++) {
      parser.parse(body, 0, body.length, sink);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    int rounds = 100;
    for (int i = 0; i < rounds; i++) {
      parser.parse(body, 0, body.length, sink);
    }
    long perBody = (threads.getCurrentThreadAllocatedBytes() - before) / rounds;
    // 2000 samples: one small object per sample alone would be over 32 KiB
    assertThat(perBody).isLessThan(4096);
    assertThat(parser.seriesKeys()).isEqualTo(2000);
  }

  /**
   * A parser predicts each line's series from the previous parse's order; a line that only begins
   * with the predicted key (a longer name, labels after a bare name, other labels) is still its own
   * series.
   */
  @Test
  void aLineThatOnlyBeginsWithThePredictedKeyIsItsOwnSeries() {
    PromTextParser parser = new PromTextParser(new SeriesRegistry());
    String first = "a 1\nfoo 1\nm{x=\"1\"} 1\nz 1\n";
    RecordingSink sink = new RecordingSink();
    byte[] b1 = first.getBytes(StandardCharsets.UTF_8);
    parser.parse(b1, 0, b1.length, sink);
    String[] seconds = {
      "a 1\nfoobar 2\n", // the name goes on
      "a 1\nfoo{y=\"2\"} 2\n", // labels follow the bare name
      "a 1\nfoo {y=\"2\"} 2\n", // the same with a space before the brace
      "a 1\nfoo\t2\n", // the predicted bare name itself
      "foo 1\nm{x=\"1\"}2\n", // the predicted labelled key, value right after the brace
      "foo 1\nm{x=\"1\",} 2\n", // the same label set spelt differently
      "foo 1\nm{x=\"10\"} 2\n", // a longer label value
    };
    String[] expected = {
      "foobar{} " + none() + " 2.0",
      "foo{y=\"2\"} " + none() + " 2.0",
      "foo{y=\"2\"} " + none() + " 2.0",
      "foo{} " + none() + " 2.0",
      "m{x=\"1\"} " + none() + " 2.0",
      "m{x=\"1\"} " + none() + " 2.0",
      "m{x=\"10\"} " + none() + " 2.0",
    };
    for (int i = 0; i < seconds.length; i++) {
      parser.parse(b1, 0, b1.length, sink); // back to the first order
      byte[] b = seconds[i].getBytes(StandardCharsets.UTF_8);
      parser.parse(b, 0, b.length, sink);
      List<String> lines = withoutBits(sink);
      assertThat(lines.get(lines.size() - 1)).as(seconds[i]).isEqualTo(expected[i]);
    }
  }

  /** HELP and TYPE lines a parser met before are handed on from memory, exactly as read. */
  @Test
  void metadataLinesMetBeforeAreHandedOnAsReadAndChangedOnesAreReadAfresh() {
    PromTextParser parser = new PromTextParser(new SeriesRegistry());
    String body =
        "# HELP a Help of a.\n# TYPE a counter\na 1\n# HELP b Esc \\\\ and \\n.\n"
            + "# TYPE b gauge\nb 2\n# a comment\n# HELP c\n";
    RecordingSink first = new RecordingSink();
    parseWith(parser, body, first);
    assertThat(meta(first))
        .containsEntry("a", List.of("counter", "Help of a."))
        .containsEntry("b", List.of("gauge", "Esc \\ and \n."))
        .containsEntry("c", List.of("unknown", ""));
    for (int i = 0; i < 3; i++) {
      RecordingSink again = new RecordingSink(first.labelsById);
      parseWith(parser, body, again);
      assertThat(meta(again)).isEqualTo(meta(first));
      assertThat(again.lines()).isEqualTo(first.lines());
    }
    RecordingSink changed = new RecordingSink(first.labelsById);
    parseWith(
        parser,
        "# TYPE b counter\n# HELP b Other.\nb 3\n# HELP a Help of a.\n# TYPE a gauge\na 4\n",
        changed);
    assertThat(meta(changed))
        .containsExactly(
            Map.entry("a", List.of("gauge", "Help of a.")),
            Map.entry("b", List.of("counter", "Other.")));
    assertThatThrownBy(() -> parseWith(parser, "# TYPE a nonsense\n", new RecordingSink()))
        .isInstanceOf(TextParseException.class)
        .hasMessageContaining("invalid metric type");
  }

  private static void parseWith(PromTextParser parser, String body, RecordingSink sink) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    parser.parse(b, 0, b.length, sink);
  }

  private static Map<String, List<String>> meta(RecordingSink sink) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    sink.metadata.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }

  /** The recorded lines without the value bits (values are compared by their decimal form). */
  private static List<String> withoutBits(RecordingSink sink) {
    return sink.lines().stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
  }

  private static List<Long> values(RecordingSink sink) {
    return sink.samples.stream().map(RecordingSink.Sample::valueBits).toList();
  }

  private static String none() {
    return Long.toString(SampleSink.NO_TIMESTAMP);
  }

  private static RecordingSink parse(String input) {
    RecordingSink sink = new RecordingSink();
    byte[] b = input.getBytes(StandardCharsets.UTF_8);
    new PromTextParser(new SeriesRegistry()).parse(b, 0, b.length, sink);
    return sink;
  }
}
