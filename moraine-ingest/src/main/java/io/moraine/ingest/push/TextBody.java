package io.moraine.ingest.push;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.textparse.MetricType;
import io.moraine.ingest.textparse.PromTextParser;
import io.moraine.ingest.textparse.SampleSink;
import io.moraine.ingest.textparse.SeriesRegistry;
import io.moraine.ingest.textparse.TextParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text-format 0.0.4 push body grouped into families as Pushgateway's parser groups it: a sample
 * belongs to the family of its name, or, for {@code _bucket}/{@code _sum}/{@code _count} ({@code
 * _sum}/{@code _count} of a summary), to the histogram (summary) whose {@code # TYPE} line named
 * the base; samples of untyped names form untyped families. Not thread-safe; one per body.
 */
final class TextBody implements SampleSink {
  private final Map<String, FamilyType> types = new HashMap<>();
  private final Map<String, String> helps = new HashMap<>();
  private final Map<String, List<PushedSample>> samples = new LinkedHashMap<>();
  private final List<Labels> byId = new ArrayList<>();
  private boolean timestamps;

  private TextBody() {}

  static PushBody decode(byte[] body) {
    TextBody b = new TextBody();
    try {
      new PromTextParser(new SeriesRegistry()).parse(body, b);
    } catch (TextParseException e) {
      throw new PushRejectedException(
          "text format parsing error in line " + e.line() + ": " + e.reason());
    }
    Map<String, MetricFamily> out = new LinkedHashMap<>();
    b.samples.forEach(
        (name, list) ->
            out.put(
                name,
                new MetricFamily(
                    name,
                    b.types.getOrDefault(name, FamilyType.UNTYPED),
                    b.helps.getOrDefault(name, ""),
                    list)));
    return new PushBody(out, b.timestamps);
  }

  @Override
  public void series(int seriesId, Labels labels) {
    while (byId.size() <= seriesId) {
      byId.add(Labels.EMPTY);
    }
    byId.set(seriesId, labels);
  }

  @Override
  public void sample(int seriesId, long timestampMillis, double value) {
    if (timestampMillis != NO_TIMESTAMP) {
      timestamps = true;
    }
    Labels l = byId.get(seriesId);
    String family = familyOf(String.valueOf(l.metricName()));
    samples.computeIfAbsent(family, k -> new ArrayList<>()).add(new PushedSample(l, value));
  }

  @Override
  public void help(String metricName, String text) {
    if (helps.putIfAbsent(metricName, text) != null) {
      throw new PushRejectedException(
          "text format parsing error: second HELP line for metric name \"" + metricName + "\"");
    }
  }

  @Override
  public void type(String metricName, MetricType type) {
    if (types.containsKey(metricName) || samples.containsKey(metricName)) {
      throw new PushRejectedException(
          "text format parsing error: second TYPE line for metric name \""
              + metricName
              + "\", or TYPE reported after samples");
    }
    types.put(metricName, of(type));
  }

  private static FamilyType of(MetricType t) {
    return switch (t) {
      case COUNTER -> FamilyType.COUNTER;
      case GAUGE -> FamilyType.GAUGE;
      case HISTOGRAM -> FamilyType.HISTOGRAM;
      case SUMMARY -> FamilyType.SUMMARY;
      case GAUGE_HISTOGRAM -> FamilyType.GAUGE_HISTOGRAM;
      default -> FamilyType.UNTYPED;
    };
  }

  private String familyOf(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        FamilyType t = types.get(base);
        boolean histogram = t == FamilyType.HISTOGRAM || t == FamilyType.GAUGE_HISTOGRAM;
        if (histogram || (t == FamilyType.SUMMARY && !suffix.equals("_bucket"))) {
          return base;
        }
      }
    }
    return name;
  }
}
