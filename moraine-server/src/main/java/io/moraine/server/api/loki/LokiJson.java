package io.moraine.server.api.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.engine.QueryResult;
import io.moraine.promql.parser.GoText;
import java.io.IOException;
import java.util.List;

/**
 * Loki 2.9's JSON shapes ({@code pkg/util/marshal}): query results ({@code streams} values as
 * {@code ["<ns>","line"]}, samples as {@code [<seconds>,"<value>"]} in Go's {@code 'f'} format),
 * label and series lists, index stats and tail frames. Stateless; the factory is thread-safe.
 */
final class LokiJson {
  static final JsonFactory FACTORY = new JsonFactory();

  private LokiJson() {}

  /** {@code {"status":"success","data":{"resultType":..,"result":..,"stats":..}}}. */
  static void writeQueryResponse(JsonGenerator g, QueryResult result, QueryStats stats)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "success");
    g.writeObjectFieldStart("data");
    g.writeStringField("resultType", resultType(result));
    g.writeFieldName("result");
    writeResult(g, result);
    g.writeFieldName("stats");
    stats.write(g);
    g.writeEndObject();
    g.writeEndObject();
  }

  static String resultType(QueryResult r) {
    return switch (r) {
      case QueryResult.Streams s -> "streams";
      case QueryResult.Matrix m -> "matrix";
      case QueryResult.Vector v -> "vector";
      case QueryResult.Scalar s -> "scalar";
    };
  }

  static void writeResult(JsonGenerator g, QueryResult result) throws IOException {
    switch (result) {
      case QueryResult.Streams s -> writeStreams(g, s.streams());
      case QueryResult.Matrix m -> {
        g.writeStartArray();
        for (QueryResult.RangeSeries s : m.series()) {
          g.writeStartObject();
          g.writeFieldName("metric");
          writeLabels(g, s.labels());
          g.writeArrayFieldStart("values");
          for (int i = 0; i < s.values().length; i++) {
            writePoint(g, s.timestampsMillis()[i], s.values()[i]);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      case QueryResult.Vector v -> {
        g.writeStartArray();
        for (QueryResult.Sample s : v.samples()) {
          g.writeStartObject();
          g.writeFieldName("metric");
          writeLabels(g, s.labels());
          g.writeFieldName("value");
          writePoint(g, s.timestampMillis(), s.value());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      case QueryResult.Scalar s -> writePoint(g, s.timestampMillis(), s.value());
    }
  }

  /** {@code [{"stream":{..},"values":[["<ns>","line"],..]},..]}. */
  static void writeStreams(JsonGenerator g, List<QueryResult.Stream> streams) throws IOException {
    g.writeStartArray();
    for (QueryResult.Stream s : streams) {
      g.writeStartObject();
      g.writeFieldName("stream");
      writeLabels(g, s.labels());
      g.writeArrayFieldStart("values");
      for (QueryResult.Entry e : s.entries()) {
        g.writeStartArray();
        g.writeString(Long.toString(e.timestampNanos()));
        g.writeString(e.line());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** {@code {"name":"value",..}} in label order. */
  static void writeLabels(JsonGenerator g, Labels labels) throws IOException {
    g.writeStartObject();
    for (int i = 0; i < labels.size(); i++) {
      g.writeStringField(labels.name(i), labels.value(i));
    }
    g.writeEndObject();
  }

  /** {@code [1700000000.5,"3"]}: Prometheus' {@code model.Time} and {@code SampleValue} strings. */
  static void writePoint(JsonGenerator g, long timestampMillis, double value) throws IOException {
    g.writeStartArray();
    g.writeNumber(GoText.plainFloat(timestampMillis / 1000.0));
    g.writeString(GoText.plainFloat(value));
    g.writeEndArray();
  }

  /** {@code {"status":"success","data":[..]}}; {@code data} left out when empty, as Loki does. */
  static void writeLabelResponse(JsonGenerator g, List<String> values) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "success");
    if (!values.isEmpty()) {
      g.writeArrayFieldStart("data");
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** {@code {"status":"success","data":[{labels},..]}}. */
  static void writeSeriesResponse(JsonGenerator g, List<Labels> series) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "success");
    g.writeArrayFieldStart("data");
    for (Labels l : series) {
      writeLabels(g, l);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A tail frame: {@code {"streams":[..]}}, with {@code dropped_entries} when some were. */
  static void writeTailFrame(
      JsonGenerator g, List<QueryResult.Stream> streams, List<Dropped> dropped) throws IOException {
    g.writeStartObject();
    if (!streams.isEmpty()) {
      g.writeFieldName("streams");
      writeStreams(g, streams);
    }
    if (!dropped.isEmpty()) {
      g.writeArrayFieldStart("dropped_entries");
      for (Dropped d : dropped) {
        g.writeStartObject();
        g.writeStringField("timestamp", Long.toString(d.timestampNanos()));
        g.writeFieldName("labels");
        writeLabels(g, d.labels());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** An entry a tail frame could not carry (over the frame's limit). */
  record Dropped(long timestampNanos, Labels labels) {}
}
