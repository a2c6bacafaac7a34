package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed text-format input: the reason is Prometheus 2.42's wording. The first cases are
 * Prometheus' own ({@code TestPromParseErrors}, {@code TestPromNullByteHandling}); the rest follow
 * its lexer rules and scrape-loop checks.
 */
class PromTextErrorsTest {
  static Stream<Arguments> prometheusCases() {
    return Stream.of(
        Arguments.of("a", "expected value after metric, got \"INVALID\""),
        Arguments.of("a{b='c'} 1\n", "expected label value, got \"INVALID\""),
        Arguments.of("a{b=\n", "expected label value, got \"INVALID\""),
        Arguments.of("a{\u00ff=\"foo\"} 1\n", "expected label name, got \"INVALID\""),
        Arguments.of("a true\n", "strconv.ParseFloat: parsing \"true\": invalid syntax"),
        Arguments.of("something_weird{problem=\"", "expected label value, got \"INVALID\""),
        Arguments.of("empty_label_name{=\"\"} 0", "expected label name, got \"EQUAL\""),
        Arguments.of("foo 1_2\n", "unsupported character in float"),
        Arguments.of("foo 0x1p-3\n", "unsupported character in float"),
        Arguments.of("foo 0x1P-3\n", "unsupported character in float"),
        Arguments.of("foo 0 1_2\n", "expected next entry after timestamp, got \"INVALID\""),
        Arguments.of("{a=\"ok\"} 1", "\"INVALID\" is not a valid start token"),
        Arguments.of("# TYPE #\n#EOF\n", "expected metric name after TYPE, got \"INVALID\""),
        Arguments.of("# HELP #\n#EOF\n", "expected metric name after HELP, got \"INVALID\""),
        Arguments.of("a{b=\u0000\"ssss\"} 1\n", "expected label value, got \"INVALID\""),
        Arguments.of("a{b=\"\u0000", "expected label value, got \"INVALID\""),
        Arguments.of("a{b\u0000=\"hiih\"}\t1", "expected equal, got \"INVALID\""),
        Arguments.of("a\u0000{b=\"ddd\"} 1", "expected value after metric, got \"INVALID\""),
        Arguments.of("a 0 1\u0000", "expected next entry after timestamp, got \"INVALID\""));
  }

  static Stream<Arguments> moreCases() {
    return Stream.of(
        Arguments.of("a 1e400\n", "strconv.ParseFloat: parsing \"1e400\": value out of range"),
        Arguments.of("a 1\r\n", "strconv.ParseFloat: parsing \"1\\r\": invalid syntax"),
        Arguments.of("a +nan\n", "strconv.ParseFloat: parsing \"+nan\": invalid syntax"),
        Arguments.of(
            "a 1 9223372036854775808\n",
            "strconv.ParseInt: parsing \"9223372036854775808\": value out of range"),
        Arguments.of("a 1 -5\n", "expected timestamp or new record, got \"INVALID\""),
        Arguments.of("a 1 5 6\n", "expected next entry after timestamp, got \"TIMESTAMP\""),
        Arguments.of("a 1 5x\n", "expected next entry after timestamp, got \"INVALID\""),
        Arguments.of("a 1{\n", "expected timestamp or new record, got \"INVALID\""),
        Arguments.of("a{} {} 1\n", "expected value after metric, got \"BOPEN\""),
        Arguments.of("a\n", "expected value after metric, got \"INVALID\""),
        Arguments.of("a{b=\"c\",,d=\"e\"} 1\n", "expected label name, got \"COMMA\""),
        Arguments.of("a{b c=\"d\"} 1\n", "expected equal, got \"LNAME\""),
        Arguments.of("a{b} 1\n", "expected equal, got \"BCLOSE\""),
        Arguments.of("a{b=\"c\\\nd\"} 1\n", "expected label value, got \"INVALID\""),
        Arguments.of("a{b=\"\u00ff\"} 1\n", "invalid UTF-8 label value"),
        Arguments.of("# TYPE a counte\n", "invalid metric type \"counte\""),
        Arguments.of("# TYPE a  counter\n", "invalid metric type \" counter\""),
        Arguments.of("# TYPE a\n", "invalid metric type \"\""),
        Arguments.of("# HELP a \u00ff\n", "help text is not a valid utf8 string"),
        Arguments.of("# HELP \n", "expected metric name after HELP, got \"INVALID\""),
        Arguments.of("=1\n", "\"INVALID\" is not a valid start token"),
        Arguments.of(
            "  a{b=\"c\",d=\"\"} 1\n",
            "invalid metric name or label names: {__name__=\"  a\", b=\"c\"}"),
        Arguments.of(
            "a{b=\"1\",c=\"2\",b=\"3\"} 1\n", "label name \"b\" is not unique: invalid sample"),
        Arguments.of(
            "a{__name__=\"b\"} 1\n", "label name \"__name__\" is not unique: invalid sample"));
  }

  @ParameterizedTest
  @MethodSource({"prometheusCases", "moreCases"})
  void reasonIsPrometheusWording(String input, String reason) {
    assertThatThrownBy(() -> parse(input))
        .isInstanceOfSatisfying(
            TextParseException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void lineAndColumnOfTheOffendingToken() {
    String input = "# HELP a x\na 1\n\nb{c=\"multi\nline\"} 2\nd 1 2 3\n";
    assertThatThrownBy(() -> parse(input))
        .isInstanceOfSatisfying(
            TextParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.column()).isEqualTo(7);
              assertThat(e.getMessage())
                  .isEqualTo("line 6: expected next entry after timestamp, got \"TIMESTAMP\"");
            });
  }

  @Test
  void linesBeforeTheErrorReachedTheSink() {
    RecordingSink sink = new RecordingSink();
    PromTextParser parser = new PromTextParser(new SeriesRegistry());
    byte[] body = "a 1\nb 2\nc x\nd 4\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(body, 0, body.length, sink))
        .isInstanceOf(TextParseException.class)
        .hasMessage("line 3: strconv.ParseFloat: parsing \"x\": invalid syntax");
    assertThat(sink.samples).hasSize(2);
    assertThat(parser.samplesParsed()).isEqualTo(2);
  }

  @Test
  void aKnownSeriesStillHasItsValueChecked() {
    PromTextParser parser = new PromTextParser(new SeriesRegistry());
    RecordingSink sink = new RecordingSink();
    byte[] good = "a{b=\"c\"} 1\n".getBytes(StandardCharsets.UTF_8);
    parser.parse(good, 0, good.length, sink);
    byte[] bad = "a{b=\"c\"} 1 2 3\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(bad, 0, bad.length, sink))
        .hasMessage("line 1: expected next entry after timestamp, got \"TIMESTAMP\"");
  }

  private static void parse(String input) {
    byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
    new PromTextParser(new SeriesRegistry()).parse(b, 0, b.length, new RecordingSink());
  }
}
