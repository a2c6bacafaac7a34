package io.moraine.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import org.junit.jupiter.api.Test;

class GoTextRenderingTest {
  @Test
  void labelsReadAsGoPrintsThem() {
    assertThat(GoText.labels(Labels.of("__name__", "up", "job", "a\"b\\c", "z", "x\ny")))
        .isEqualTo("{__name__=\"up\", job=\"a\\\"b\\\\c\", z=\"x\\ny\"}");
    assertThat(GoText.labels(Labels.EMPTY)).isEqualTo("{}");
  }

  @Test
  void quoteEscapesWhatGoFindsUnprintable() {
    assertThat(GoText.quote("é 日本 \t\u0007\u007f\u00a0\u200b"))
        .isEqualTo("\"é 日本 \\t\\a\\x7f\\u00a0\\u200b\"");
    assertThat(GoText.quote("\u0001")).isEqualTo("\"\\x01\"");
  }

  @Test
  void plainFloatIsFormatFloatF() {
    assertThat(GoText.plainFloat(6)).isEqualTo("6");
    assertThat(GoText.plainFloat(0.1)).isEqualTo("0.1");
    assertThat(GoText.plainFloat(-2.5e-7)).isEqualTo("-0.00000025");
    assertThat(GoText.plainFloat(1.5e300)).startsWith("15").hasSize(301);
    assertThat(GoText.plainFloat(123456789.125)).isEqualTo("123456789.125");
    assertThat(GoText.plainFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoText.plainFloat(-0.0)).isEqualTo("-0");
  }

  @Test
  void goValueIsPercentV() {
    assertThat(GoText.formatFloat(1e20)).isEqualTo("1e+20");
    assertThat(GoText.formatFloat(123456.0)).isEqualTo("123456");
    assertThat(GoText.formatFloat(1234567.0)).isEqualTo("1.234567e+06");
    assertThat(GoText.formatFloat(0.0001)).isEqualTo("0.0001");
    assertThat(GoText.formatFloat(0.00001)).isEqualTo("1e-05");
    assertThat(GoText.formatFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }
}
