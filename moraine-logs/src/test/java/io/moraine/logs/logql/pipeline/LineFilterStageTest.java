package io.moraine.logs.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineFilterStageTest {
  private static LineFilter filter(LineFilterOp op, String... values) {
    return new LineFilter(
        op, Arrays.stream(values).map(v -> new LineFilter.Value(v, false)).toList());
  }

  private static LineFilter ip(LineFilterOp op, String value) {
    return new LineFilter(op, java.util.List.of(new LineFilter.Value(value, true)));
  }

  private static boolean keeps(String line, LineFilter f) {
    return Run.of(line, f) != null;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CONTAINS|level=error msg=x|error|true",
        "CONTAINS|level=info|error|false",
        "CONTAINS|anything||true",
        "NOT_CONTAINS|level=error|error|false",
        "NOT_CONTAINS|level=info|error|true",
        "MATCHES_REGEX|status=500 GET|status=5\\d\\d|true",
        "MATCHES_REGEX|status=404|status=5\\d\\d|false",
        "MATCHES_REGEX|Level=ERROR x|(?i)error|true",
        "MATCHES_REGEX|warn here|'error|warn'|true",
        "MATCHES_REGEX|caf\u00e9 ok|caf.\\s|true",
        "MATCHES_REGEX|user=bob_1|user=(?P<name>[a-z]+_\\d)|true",
        "NOT_MATCHES_REGEX|GET /healthz|.*healthz.*|false",
        "NOT_MATCHES_REGEX|GET /api|.*healthz.*|true",
        "MATCHES_PATTERN|GET /api 200|<_> /api <_>|true",
        "MATCHES_PATTERN|GET /other 200|<_> /api <_>|false",
        "NOT_MATCHES_PATTERN|GET /api 200|<_> /api <_>|false",
      })
  void filters(LineFilterOp op, String line, String value, boolean kept) {
    assertThat(keeps(line, filter(op, value == null ? "" : value))).isEqualTo(kept);
  }

  @Test
  void orAlternatives() {
    LineFilter f = filter(LineFilterOp.CONTAINS, "error", "warn");
    assertThat(keeps("a warn b", f)).isTrue();
    assertThat(keeps("a info b", f)).isFalse();
    LineFilter not = filter(LineFilterOp.NOT_CONTAINS, "error", "warn");
    assertThat(keeps("a warn b", not)).isFalse();
    assertThat(keeps("a info b", not)).isTrue();
  }

  @Test
  void caseInsensitiveShortcutAndRegexAgree() {
    LineFilter f = filter(LineFilterOp.MATCHES_REGEX, "(?i)timeout|refused");
    assertThat(keeps("connection REFUSED", f)).isTrue();
    assertThat(keeps("Request TimeOut", f)).isTrue();
    assertThat(keeps("ok", f)).isFalse();
    assertThat(RegexShortcut.of("(?i)timeout|refused")).isNotNull();
    assertThat(RegexShortcut.of("a+b")).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "client 192.168.4.5 connected|192.168.4.5|true",
        "client 192.168.4.50 connected|192.168.4.5|false",
        "ip=10.1.2.3,port=80|10.0.0.0/8|true",
        "ip=11.1.2.3|10.0.0.0/8|false",
        "from 192.168.0.7 to x|192.168.0.1-192.168.0.10|true",
        "from 192.168.0.70 to x|192.168.0.1-192.168.0.10|false",
        "addr ::1 up|::1|true",
        "addr 2001:db8::ff00:42:8329 up|2001:db8::/32|true",
        "addr 2001:db9::1 up|2001:db8::/32|false",
        "v4 10.0.0.1 vs v6 prefix|::/0|false",
        "abc10.0.0.1|10.0.0.1|true",
      })
  void ipFilter(String line, String pattern, boolean kept) {
    assertThat(keeps(line, ip(LineFilterOp.CONTAINS, pattern))).isEqualTo(kept);
    assertThat(keeps(line, ip(LineFilterOp.NOT_CONTAINS, pattern))).isEqualTo(!kept);
  }

  @Test
  void badInputsNameTheStage() {
    assertThatThrownBy(
            () -> Pipelines.compile(java.util.List.of(filter(LineFilterOp.MATCHES_REGEX, "a(b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid regular expression \"a(b\"");
    assertThatThrownBy(
            () -> Pipelines.compile(java.util.List.of(ip(LineFilterOp.CONTAINS, "10.0.0.300"))))
        .hasMessageContaining("invalid ip filter");
    assertThatThrownBy(
            () ->
                Pipelines.compile(
                    java.util.List.of(filter(LineFilterOp.MATCHES_PATTERN, "<a><b>"))))
        .hasMessageContaining("consecutive capture");
  }
}
