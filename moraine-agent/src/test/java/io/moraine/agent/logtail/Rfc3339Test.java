package io.moraine.agent.logtail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01T12:00:00.123456789Z",
        "2024-02-29T23:59:59Z",
        "1999-12-31T23:00:00.5+02:00",
        "2038-01-19T03:14:08.000001-05:30",
        "1969-07-20T20:17:40Z"
      })
  void agreesWithJavaTime(String text) {
    OffsetDateTime t = OffsetDateTime.parse(text);
    long expected = ChronoUnit.NANOS.between(OffsetDateTime.parse("1970-01-01T00:00:00Z"), t);
    assertThat(parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "2024-05-01 12:00:00", "2024-13-01T00:00:00Z", "2024-05-01T12:00:00.Z", "x"})
  void refusesWhatIsNotATime(String text) {
    assertThat(parse(text)).isEqualTo(Rfc3339.INVALID);
  }

  @Test
  void lineDecoderReadsCriTags() {
    LineDecoder d = new LineDecoder();
    byte[] b = "2024-05-01T12:00:00Z stderr P:x part".getBytes(StandardCharsets.UTF_8);
    d.decode(b, 0, b.length, 7);
    assertThat(d.stream).isEqualTo(LineDecoder.STDERR);
    assertThat(d.partial).isTrue();
    assertThat(new String(d.content, d.contentStart, d.contentLength, StandardCharsets.UTF_8))
        .isEqualTo("part");
    byte[] bad = "2024-05-01T12:00:00Z stdin F x".getBytes(StandardCharsets.UTF_8);
    d.decode(bad, 0, bad.length, 7);
    assertThat(d.stream).isEqualTo(LineDecoder.UNKNOWN);
    assertThat(d.timeNanos).isEqualTo(7);
    assertThat(d.contentLength).isEqualTo(bad.length);
  }

  private static long parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Rfc3339.parseNanos(b, 0, b.length);
  }
}
