package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both formats, chosen by Content-Type, across scrapes of the same target. */
class ExpositionParserTest {
  private static ScrapeResponse body(String text, String contentType) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new ScrapeResponse(b, b.length, contentType);
  }

  @Test
  void textFormatAcrossScrapes() throws Exception {
    ExpositionParser p = new ExpositionParser();
    for (int i = 1; i <= 3; i++) {
      List<ScrapedSample> s =
          p.parse(
              body(
                  "# TYPE requests_total counter\nrequests_total{code=\"200\"} "
                      + i
                      + "\nup 1 1000\n",
                  "text/plain; version=0.0.4"));
      assertThat(s).hasSize(2);
      assertThat(s.get(0).labels())
          .isEqualTo(Labels.of("__name__", "requests_total", "code", "200"));
      assertThat(s.get(0).value()).isEqualTo(i);
      assertThat(s.get(0).timestampMillis()).isEqualTo(ScrapedSample.NO_TIMESTAMP);
      assertThat(s.get(1).timestampMillis()).isEqualTo(1000);
    }
  }

  @Test
  void openMetricsWithAndWithoutTimestamps() throws Exception {
    ExpositionParser p = new ExpositionParser();
    List<ScrapedSample> s =
        p.parse(
            body(
                "# TYPE a counter\na_total 3\na_total{x=\"1\"} 4 1.5\n# EOF\n",
                "application/openmetrics-text; version=1.0.0; charset=utf-8"));
    assertThat(s).extracting(ScrapedSample::value).containsExactly(3.0, 4.0);
    assertThat(s.get(0).timestampMillis()).isEqualTo(ScrapedSample.NO_TIMESTAMP);
    assertThat(s.get(1).timestampMillis()).isEqualTo(1500);
  }

  @Test
  void aMalformedBodyFailsTheScrapeNamingTheLine() {
    ExpositionParser p = new ExpositionParser();
    assertThatThrownBy(() -> p.parse(body("ok 1\nbad{ 2\n", "text/plain")))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("2:");
  }

  @Test
  void metadataOfTheLastBodyInExpositionOrder() throws Exception {
    ExpositionParser p = new ExpositionParser();
    p.parse(
        body(
            "# HELP b_total Requests.\n# TYPE b_total counter\nb_total 1\n# TYPE a gauge\na 2\nc 3\n",
            "text/plain"));
    assertThat(p.metadata())
        .containsExactly(
            new ScrapedMetadata("b_total", "counter", "Requests.", ""),
            new ScrapedMetadata("a", "gauge", "", ""));
    p.parse(body("c 3\n", "text/plain"));
    assertThat(p.metadata()).isEmpty();
  }
}
