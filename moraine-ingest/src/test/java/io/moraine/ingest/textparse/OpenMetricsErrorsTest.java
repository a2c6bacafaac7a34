package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejection: the line (and for some the column) and the reason. */
class OpenMetricsErrorsTest {
  private static final String OK = "ok 1 1\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("a 1 1\n", 3, 1, "data does not end with # EOF"),
        bad("", 2, 1, "data does not end with # EOF"),
        bad("a 1 1", 2, 6, "data does not end with # EOF"),
        bad("# EOF\na 1 1\n", 2, 7, "unexpected data after # EOF"),
        bad("# EOF\n\n", 2, 7, "unexpected data after # EOF"),
        bad("\n# EOF\n", 2, 1, "expected a metric name, '{', or '#', got end of line"),
        bad("a 1\n# EOF\n", 2, 4, "expected timestamp for series \"a\", got none"),
        bad("a 1 # {t=\"x\"} 1\n# EOF\n", 2, 4, "expected timestamp for series \"a\", got none"),
        bad("a{job=\"x\",b} 1 1\n# EOF\n", 2, 12, "expected '=' after label name \"b\", got \"}\""),
        bad("a{job=x} 1 1\n# EOF\n", 2, 7, "expected label value in quotes"),
        bad("a{job=\"x} 1 1\n# EOF\n", 2, 7, "unterminated label value"),
        bad("a{job=\"x\" b=\"y\"} 1 1\n# EOF\n", 2, 10, "expected ',' or '}' after label value"),
        bad("a{1=\"x\"} 1 1\n# EOF\n", 2, 3, "expected label name or '}'"),
        bad("a{j=\"1\",j=\"2\"} 1 1\n# EOF\n", 2, 9, "duplicate label name \"j\""),
        bad("a{__name__=\"b\"} 1 1\n# EOF\n", 2, 3, "duplicate label name \"__name__\""),
        bad("a{j=\"\\xff\"} 1 1\n# EOF\n".replace("\\xff", "\u00ff"), 2, 0, "invalid UTF-8"),
        bad("{j=\"1\"} 1 1\n# EOF\n", 2, 1, "metric name not set"),
        bad("{\"a\",\"b\"} 1 1\n# EOF\n", 2, 6, "metric name already set"),
        bad("{\"a-b\"} 1 1\n# EOF\n", 2, 3, "invalid metric name \"a-b\""),
        bad("{\"a\",\"x-y\"=\"1\"} 1 1\n# EOF\n", 2, 7, "invalid label name \"x-y\""),
        bad("\"a\" 1 1\n# EOF\n", 2, 1, "expected a metric name, '{', or '#'"),
        bad("1a 1 1\n# EOF\n", 2, 1, "expected a metric name"),
        bad("a{b=\"1\"}x 1 1\n# EOF\n", 2, 9, "expected ' ' and a value after \"a{b=\\\"1\\\"}\""),
        bad("a\n# EOF\n", 2, 2, "expected ' ' and a value after \"a\""),
        bad("a  1 1\n# EOF\n", 2, 3, "expected value, got \" \""),
        bad("a x 1\n# EOF\n", 2, 3, "invalid value \"x\""),
        bad("a 0x1p3 1\n# EOF\n", 2, 3, "invalid value \"0x1p3\""),
        bad("a 1_000 1\n# EOF\n", 2, 3, "invalid value \"1_000\""),
        bad("a 1e400 1\n# EOF\n", 2, 3, "invalid value \"1e400\""),
        bad("a +NaN 1\n# EOF\n", 2, 3, "invalid value \"+NaN\""),
        bad("a 1 NaN\n# EOF\n", 2, 5, "invalid timestamp \"NaN\""),
        bad("a 1 +Inf\n# EOF\n", 2, 5, "invalid timestamp \"+Inf\""),
        bad("a 1 1s\n# EOF\n", 2, 5, "invalid timestamp \"1s\""),
        bad("a 1 1 2\n# EOF\n", 2, 6, "expected end of line or exemplar after timestamp"),
        bad("a 1 1 # {t=\"x\"}\n# EOF\n", 2, 16, "expected ' ' and a value after exemplar labels"),
        bad("a 1 1 # {t=\"x\"} y\n# EOF\n", 2, 17, "invalid exemplar value \"y\""),
        bad("a 1 1 # {t=\"x\"} 1 NaN\n# EOF\n", 2, 19, "invalid exemplar timestamp \"NaN\""),
        bad("a 1 1 # {t=\"x\"} 1 1 1\n# EOF\n", 2, 20, "expected end of line after exemplar"),
        bad("a 1 1 # {\"t\"} 1\n# EOF\n", 2, 10, "expected label name in exemplar"),
        bad("# TYPE a counter2\n# EOF\n", 2, 10, "invalid metric type \"counter2\""),
        bad("# TYPE a\n# EOF\n", 2, 9, "expected ' ' and text after the metric name in TYPE"),
        bad("# TYPE 1a counter\n# EOF\n", 2, 8, "expected metric name after TYPE"),
        bad(
            "# UNIT a_bytes seconds\n# EOF\n",
            2,
            16,
            "unit \"seconds\" is not a suffix of metric \"a_bytes\""),
        bad("# UNIT seconds seconds\n# EOF\n", 2, 16, "unit \"seconds\" is not a suffix"),
        bad("# HELP a \u00ff\n# EOF\n", 2, 10, "HELP text is not valid UTF-8"),
        bad("# some comment\n# EOF\n", 2, 3, "expected HELP, TYPE, UNIT or EOF after '# '"),
        bad("#comment\n# EOF\n", 2, 1, "expected '# HELP', '# TYPE', '# UNIT' or '# EOF'"),
        bad("# HELP a text", 2, 14, "expected a line break after HELP text"));
  }

  /** {@code text} is preceded by one good line, so errors are on line 2 or later. */
  private static Arguments bad(String text, int line, int column, String reason) {
    return Arguments.of(OK + text, line, column, reason);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rejects(String text, int line, int column, String reason) {
    boolean loneByte = reason.startsWith("invalid UTF-8") || reason.startsWith("HELP text");
    // ISO-8859-1 turns U+00FF into a lone 0xff byte, which is not UTF-8
    byte[] bytes = text.getBytes(loneByte ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    RecordingSink sink = new RecordingSink();
    TextParseException e =
        catchThrowableOfType(
            TextParseException.class, () -> OpenMetricsParser.of(bytes).parse(sink));
    assertThat(e).as(text).isNotNull();
    assertThat(e.reason()).as(text).contains(reason);
    assertThat(e.line()).as(text).isEqualTo(line);
    if (column > 0) {
      assertThat(e.column()).as(text).isEqualTo(column);
    }
    assertThat(e.getMessage()).startsWith("line " + line + ": ");
    assertThat(sink.samples)
        .as("good lines before the error reached the sink")
        .hasSizeBetween(1, line - 1);
  }
}
