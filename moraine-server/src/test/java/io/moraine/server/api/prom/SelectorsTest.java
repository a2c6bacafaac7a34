package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prometheus' message for a {@code match[]} that is more than a series selector. */
class SelectorsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "up offset 5m | 1:4: parse error: could not parse remaining input \"offset 5m\"...",
        "rate(up[5m]) | 1:5: parse error: could not parse remaining input \"(up[5m])\"...",
        "up{job=\"a}\"}[5m] | 1:13: parse error: could not parse remaining input \"[5m]\"...",
        "{job=\"a\"} @ 100 | 1:11: parse error: could not parse remaining input \"@ 100\"...",
        "up + on(job) group_left other | 1:4: parse error: could not parse remaining input"
            + " \"+ on(job) group\"...",
        "1 + 1 | 1:1: parse error: could not parse remaining input \"1 + 1\"...",
      })
  void remainingInput(String selector, String message) {
    assertThat(Selectors.remainingInput(selector)).isEqualTo(message);
  }
}
