package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.textparse.OpenMetricsParser;
import io.moraine.ingest.textparse.PromTextParser;
import io.moraine.ingest.textparse.SampleSink;
import io.moraine.ingest.textparse.SeriesRegistry;
import io.moraine.ingest.textparse.TextFormat;
import io.moraine.ingest.textparse.TextFormats;
import io.moraine.ingest.textparse.TextParseException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One target's parser: text 0.0.4 or OpenMetrics 1.0 by the response's Content-Type, as Prometheus
 * 2.42 chooses. Series met in earlier scrapes are recognised without allocation (the text parser
 * remembers their bytes; the registry their labels). Not thread-safe: one per target.
 */
public final class ExpositionParser implements ScrapeParser {
  private final SeriesRegistry registry = new SeriesRegistry();
  private final PromTextParser text = new PromTextParser(registry);
  private final List<Labels> byId = new ArrayList<>();

  @Override
  public List<ScrapedSample> parse(ScrapeResponse response) throws ScrapeException {
    List<ScrapedSample> out = new ArrayList<>();
    SampleSink sink =
        new SampleSink() {
          @Override
          public void series(int seriesId, Labels labels) {
            while (byId.size() <= seriesId) {
              byId.add(Labels.EMPTY);
            }
            byId.set(seriesId, labels);
          }

          @Override
          public void sample(int seriesId, long timestampMillis, double value) {
            out.add(new ScrapedSample(byId.get(seriesId), timestampMillis, value));
          }
        };
    TextFormat format = TextFormats.forContentType(response.contentType());
    try {
      switch (format) {
        case OPENMETRICS ->
            new OpenMetricsParser(
                    MemorySegment.ofArray(response.body()).asSlice(0, response.length()), registry)
                .timestampsOptional()
                .parse(sink);
        case PROMETHEUS_TEXT_0_0_4 -> text.parse(response.body(), 0, response.length(), sink);
        default ->
            throw new ScrapeException(
                "received unsupported Content-Type \"" + response.contentType() + "\"");
      }
    } catch (TextParseException e) {
      throw new ScrapeException(String.valueOf(e.getMessage()), e);
    }
    return out;
  }
}
