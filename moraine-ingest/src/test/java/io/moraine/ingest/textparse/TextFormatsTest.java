package io.moraine.ingest.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFormatsTest {
  @Test
  void acceptHeadersArePrometheus242s() {
    assertThat(TextFormats.SCRAPE_ACCEPT_HEADER)
        .isEqualTo(
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertThat(TextFormats.SCRAPE_ACCEPT_HEADER_WITH_PROTOBUF)
        .startsWith(
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "application/openmetrics-text; version=1.0.0; charset=utf-8 | OPENMETRICS",
        "application/openmetrics-text;version=0.0.1 | OPENMETRICS",
        "  Application/OpenMetrics-Text  | OPENMETRICS",
        "application/openmetrics-text; version=1.0.0; | OPENMETRICS",
        "application/openmetrics-text; charset=\"utf-8\" | OPENMETRICS",
        "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily | PROTOBUF",
        "text/plain; version=0.0.4; charset=utf-8 | PROMETHEUS_TEXT_0_0_4",
        "application/json | PROMETHEUS_TEXT_0_0_4",
        "text | PROMETHEUS_TEXT_0_0_4",
        "application/openmetrics-text; version | PROMETHEUS_TEXT_0_0_4",
        "application/openmetrics-text; a=1; A=2 | PROMETHEUS_TEXT_0_0_4",
        "application/openmetrics-text; charset=\"utf-8 | PROMETHEUS_TEXT_0_0_4",
        "application / openmetrics-text | PROMETHEUS_TEXT_0_0_4",
      })
  void formatFromContentType(String contentType, TextFormat expected) {
    assertThat(TextFormats.forContentType(contentType)).isEqualTo(expected);
  }

  @Test
  void missingContentTypeIsTextFormat() {
    assertThat(TextFormats.forContentType(null)).isEqualTo(TextFormat.PROMETHEUS_TEXT_0_0_4);
    assertThat(TextFormats.forContentType("")).isEqualTo(TextFormat.PROMETHEUS_TEXT_0_0_4);
    assertThat(TextFormats.contentTypeError(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "' ' | mime: no media type",
        "/plain | mime: no media type",
        "text plain | mime: expected slash after first token",
        "text/ | mime: expected token after slash",
        "text/plain x | mime: unexpected content after media subtype",
        "text/plain; =1 | mime: invalid media parameter",
        "text/plain; a=1; a=2 | mime: duplicate parameter name",
      })
  void goMimeErrors(String contentType, String error) {
    assertThat(TextFormats.contentTypeError(contentType)).isEqualTo(error);
    assertThat(TextFormats.contentTypeError("text/plain; version=0.0.4")).isNull();
  }
}
