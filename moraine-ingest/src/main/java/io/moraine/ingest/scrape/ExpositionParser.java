package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.textparse.MetricType;
import io.moraine.ingest.textparse.OpenMetricsParser;
import io.moraine.ingest.textparse.PromTextParser;
import io.moraine.ingest.textparse.SampleSink;
import io.moraine.ingest.textparse.SeriesRegistry;
import io.moraine.ingest.textparse.TextFormat;
import io.moraine.ingest.textparse.TextFormats;
import io.moraine.ingest.textparse.TextParseException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's parser: text 0.0.4 or OpenMetrics 1.0 by the response's Content-Type, as Prometheus
 * 2.42 chooses. Series met in earlier scrapes are recognised without allocation (the text parser
 * remembers their bytes; the registry their labels). Not thread-safe: one per target.
 */
public final class ExpositionParser implements ScrapeParser {
  private final SeriesRegistry registry = new SeriesRegistry();
  private final PromTextParser text = new PromTextParser(registry);
  private final Map<String, String[]> meta = new LinkedHashMap<>();

  @Override
  public void parse(ScrapeResponse response, ScrapeBatch out) throws ScrapeException {
    meta.clear();
    SampleSink sink =
        new SampleSink() {
          @Override
          public void series(int seriesId, Labels labels) {
            out.define(seriesId, labels);
          }

          @Override
          public void sample(int seriesId, long timestampMillis, double value) {
            out.add(seriesId, timestampMillis, value);
          }

          @Override
          public void help(String metricName, String text) {
            entry(metricName)[1] = text;
          }

          @Override
          public void type(String metricName, MetricType type) {
            entry(metricName)[0] = type.promName();
          }

          @Override
          public void unit(String metricName, String unit) {
            entry(metricName)[2] = unit;
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
  }

  @Override
  public List<ScrapedMetadata> metadata() {
    List<ScrapedMetadata> out = new ArrayList<>(meta.size());
    meta.forEach((name, m) -> out.add(new ScrapedMetadata(name, m[0], m[1], m[2])));
    return out;
  }

  /** type, help, unit of a family, created as {@code unknown} with no help or unit. */
  private String[] entry(String metric) {
    return meta.computeIfAbsent(metric, k -> new String[] {"unknown", "", ""});
  }
}
