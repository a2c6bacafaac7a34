package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Both formats, chosen by Content-Type, across scrapes of the same target. */
class ExpositionParserTest {
  private static ScrapeResponse body(String text, String contentType) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new ScrapeResponse(b, b.length, contentType);
  }

  private final ScrapeBatch batch = new ScrapeBatch();

  private ScrapeBatch parse(ExpositionParser p, ScrapeResponse r) throws ScrapeException {
    batch.clear();
    p.parse(r, batch);
    return batch;
  }

  @Test
  void textFormatAcrossScrapesKeepsSeriesIds() throws Exception {
    ExpositionParser p = new ExpositionParser();
    for (int i = 1; i <= 3; i++) {
      ScrapeBatch s =
          parse(
              p,
              body(
                  "# TYPE requests_total counter\nrequests_total{code=\"200\"} "
                      + i
                      + "\nup 1 1000\n",
                  "text/plain; version=0.0.4"));
      assertThat(s.size()).isEqualTo(2);
      assertThat(s.idLimit()).isEqualTo(2);
      assertThat(s.labels(s.id(0)))
          .isEqualTo(Labels.of("__name__", "requests_total", "code", "200"));
      assertThat(s.labels(s.id(1))).isEqualTo(Labels.of("__name__", "up"));
      assertThat(s.value(0)).isEqualTo(i);
      assertThat(s.timestamp(0)).isEqualTo(ScrapeBatch.NO_TIMESTAMP);
      assertThat(s.timestamp(1)).isEqualTo(1000);
    }
  }

  @Test
  void openMetricsWithAndWithoutTimestamps() throws Exception {
    ExpositionParser p = new ExpositionParser();
    ScrapeBatch s =
        parse(
            p,
            body(
                "# TYPE a counter\na_total 3\na_total{x=\"1\"} 4 1.5\n# EOF\n",
                "application/openmetrics-text; version=1.0.0; charset=utf-8"));
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.value(0)).isEqualTo(3.0);
    assertThat(s.value(1)).isEqualTo(4.0);
    assertThat(s.timestamp(0)).isEqualTo(ScrapeBatch.NO_TIMESTAMP);
    assertThat(s.timestamp(1)).isEqualTo(1500);
  }

  @Test
  void aMalformedBodyFailsTheScrapeNamingTheLine() {
    ExpositionParser p = new ExpositionParser();
    assertThatThrownBy(() -> parse(p, body("ok 1\nbad{ 2\n", "text/plain")))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("2:");
  }

  @Test
  void metadataOfTheLastBodyInExpositionOrder() throws Exception {
    ExpositionParser p = new ExpositionParser();
    parse(
        p,
        body(
            "# HELP b_total Requests.\n# TYPE b_total counter\nb_total 1\n# TYPE a gauge\na 2\nc 3\n",
            "text/plain"));
    assertThat(p.metadata())
        .containsExactly(
            new ScrapedMetadata("b_total", "counter", "Requests.", ""),
            new ScrapedMetadata("a", "gauge", "", ""));
    parse(p, body("c 3\n", "text/plain"));
    assertThat(p.metadata()).isEmpty();
  }
}
