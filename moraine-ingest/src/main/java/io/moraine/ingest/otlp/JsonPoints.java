package io.moraine.ingest.otlp;

import com.fasterxml.jackson.core.JsonParser;
import io.moraine.ingest.otlp.MetricsData.DataPoint;
import io.moraine.ingest.otlp.MetricsData.ExponentialPoint;
import io.moraine.ingest.otlp.MetricsData.HistogramPoint;
import io.moraine.ingest.otlp.MetricsData.Kind;
import io.moraine.ingest.otlp.MetricsData.NumberPoint;
import io.moraine.ingest.otlp.MetricsData.SummaryPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the data points of the OTLP/JSON encoding. Stateless. */
final class JsonPoints {
  private JsonPoints() {}

  /** The fields of any point, collected in any order. */
  private static final class Fields {
    final List<String> attributes = new ArrayList<>();
    long time;
    int flags;
    double value;
    long count;
    boolean hasSum;
    double sum;
    final List<Long> counts = new ArrayList<>();
    final List<Double> bounds = new ArrayList<>();
    final List<Double> quantiles = new ArrayList<>();
    final List<Double> values = new ArrayList<>();
  }

  /** Reads one point of a metric of {@code kind}; the parser is on the point's first token. */
  static DataPoint point(JsonParser p, Kind kind) throws IOException {
    Fields f = new Fields();
    Json.object(p, name -> field(p, name, f));
    String[] attributes = f.attributes.toArray(String[]::new);
    return switch (kind) {
      case GAUGE, SUM -> new NumberPoint(attributes, f.time, f.flags, f.value);
      case HISTOGRAM -> {
        long[] counts = new long[f.counts.size()];
        for (int i = 0; i < counts.length; i++) {
          counts[i] = f.counts.get(i);
        }
        yield new HistogramPoint(
            attributes, f.time, f.flags, f.count, f.hasSum, f.sum, counts, doubles(f.bounds));
      }
      case SUMMARY ->
          new SummaryPoint(
              attributes, f.time, f.flags, f.count, f.sum, doubles(f.quantiles), doubles(f.values));
      case EXPONENTIAL_HISTOGRAM, NONE -> new ExponentialPoint(attributes, f.time, f.flags);
    };
  }

  private static void field(JsonParser p, String name, Fields f) throws IOException {
    switch (name) {
      case "attributes" -> Json.array(p, () -> JsonDecoder.keyValue(p, f.attributes));
      case "timeUnixNano" -> f.time = Json.int64(p);
      case "flags" -> f.flags = (int) Json.int64(p);
      case "asDouble" -> f.value = Json.float64(p);
      case "asInt" -> f.value = Json.int64(p);
      case "count" -> f.count = Json.int64(p);
      case "sum" -> {
        f.hasSum = p.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
        f.sum = Json.float64(p);
      }
      case "bucketCounts" -> Json.array(p, () -> f.counts.add(Json.int64(p)));
      case "explicitBounds" -> Json.array(p, () -> f.bounds.add(Json.float64(p)));
      case "quantileValues" ->
          Json.array(
              p,
              () -> {
                double[] qv = new double[2];
                Json.object(
                    p,
                    n -> {
                      switch (n) {
                        case "quantile" -> qv[0] = Json.float64(p);
                        case "value" -> qv[1] = Json.float64(p);
                        default -> p.skipChildren();
                      }
                    });
                f.quantiles.add(qv[0]);
                f.values.add(qv[1]);
              });
      default -> p.skipChildren();
    }
  }

  private static double[] doubles(List<Double> list) {
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
