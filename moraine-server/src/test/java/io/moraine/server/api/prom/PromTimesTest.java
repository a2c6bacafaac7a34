package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.GoQuote;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps and durations as Prometheus 2.42's API parses them. */
class PromTimesTest {
  @ParameterizedTest
  @CsvSource({
    "1435781451.781, 1435781451781",
    "1435781451, 1435781451000",
    "1.5, 1500",
    "-1.5, -1500",
    "-0.001, -1",
    "0.0005, 1",
    "0.0004, 0",
    "1.9996, 2000",
    "+2, 2000",
    ".5, 500",
    "3., 3000",
    "1e3, 1000000",
    "0x10p0, 16000",
    "2015-07-01T20:10:51.781Z, 1435781451781",
    "2015-07-01T22:10:51.781+02:00, 1435781451781",
    "2015-07-01T20:10:51Z, 1435781451000",
    "2015-07-01T20:10:51.7819999Z, 1435781451781",
    "1969-12-31T23:59:59.9995Z, -1",
  })
  void timestamps(String in, long millis) {
    assertThat(PromTimes.parseTimeMillis(in)).isEqualTo(millis);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "x",
        " 1",
        "1 ",
        "1d",
        "1f",
        "1_000",
        "NaN",
        "Inf",
        "-Infinity",
        "1e400",
        "1e17",
        "2015-07-01",
        "2015-07-01T20:10:51",
        "2015-13-01T00:00:00Z",
        "2015-07-01T24:00:00Z",
        "2015-07-01 20:10:51Z",
        "0x10",
      })
  void badTimestamps(String in) {
    assertThatThrownBy(() -> PromTimes.parseTimeMillis(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot parse " + GoQuote.quote(in) + " to a valid timestamp");
  }

  @Test
  void minAndMaxTimeAreGosWithTheirTexts() {
    long minSeconds = Long.MIN_VALUE / 1000 + 62_135_596_801L;
    long maxSeconds = Long.MAX_VALUE / 1000 - 62_135_596_801L;
    assertThat(PromTimes.MIN_TIME_MILLIS).isEqualTo(minSeconds * 1000);
    assertThat(PromTimes.MAX_TIME_MILLIS).isEqualTo(maxSeconds * 1000 + 999);
    assertThat(Instant.ofEpochSecond(minSeconds).toString()).isEqualTo(PromTimes.MIN_TIME_TEXT);
    assertThat("+" + PromTimes.MAX_TIME_TEXT)
        .isEqualTo(Instant.ofEpochSecond(maxSeconds, 999_999_999).toString());
    assertThat(PromTimes.parseTimeMillis(PromTimes.MIN_TIME_TEXT))
        .isEqualTo(PromTimes.MIN_TIME_MILLIS);
    assertThat(PromTimes.parseTimeMillis(PromTimes.MAX_TIME_TEXT))
        .isEqualTo(PromTimes.MAX_TIME_MILLIS);
  }

  @ParameterizedTest
  @CsvSource({
    "15s, 15000000000",
    "1m30s, 90000000000",
    "1.5, 1500000000",
    "0.0001, 100000",
    "0, 0",
    "-1, -1000000000",
    "1d, 86400000000000",
    "nan, -9223372036854775808",
  })
  void durations(String in, long nanos) {
    assertThat(PromTimes.parseDurationNanos(in)).isEqualTo(nanos);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x", "15", "1s1m", "1.5m", "1e400", "5 m", "-5m"})
  void badDurations(String in) {
    if (in.equals("15")) {
      assertThat(PromTimes.parseDurationNanos(in)).isEqualTo(15_000_000_000L);
      return;
    }
    assertThatThrownBy(() -> PromTimes.parseDurationNanos(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot parse " + GoQuote.quote(in) + " to a valid duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e10", "inf", "-Inf", "+infinity"})
  void overflowingDurations(String in) {
    assertThatThrownBy(() -> PromTimes.parseDurationNanos(in))
        .hasMessage(
            "cannot parse " + GoQuote.quote(in) + " to a valid duration. It overflows int64");
  }

  @ParameterizedTest
  @CsvSource({
    "1435781451781, 1435781451.781",
    "1435781451000, 1435781451",
    "1500, 1.500",
    "1050, 1.050",
    "1005, 1.005",
    "-1500, -1.500",
    "0, 0",
    "-1, -0.001",
  })
  void sampleTimesAreWrittenLikePrometheus(long millis, String text) {
    assertThat(PromTimes.formatMillis(millis)).isEqualTo(text);
  }

  @Test
  void goQuoting() {
    assertThat(GoQuote.quote("a\"b\\c\n\t\u0001\u007f é"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\t\\x01\\x7f é\"");
  }
}
