package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.promql.value.SeriesPoints;
import io.moraine.promql.value.StringValue;
import java.io.IOException;

/**
 * A query result as Prometheus 2.42 writes it: {@code {"resultType":"vector","result":[...]}} with
 * {@code {"metric":{...},"value":[t,"v"]}} per sample, {@code {"metric":{...},"values":[...]}} per
 * matrix series (no {@code values} key when a series has no points), and {@code [t,"v"]} for a
 * scalar or string. Sample times are written as in Prometheus' own encoder ({@code 1.500}); scalar
 * and string times as Go's {@code encoding/json} writes the float ({@code 1.5}).
 */
final class QueryResultJson {
  private QueryResultJson() {}

  static void write(JsonGenerator g, QueryValue value) throws IOException {
    g.writeStartObject();
    g.writeStringField("resultType", value.type().docName());
    g.writeFieldName("result");
    switch (value) {
      case Scalar s -> {
        g.writeStartArray();
        g.writeNumber(ApiJson.jsonNumber(s.t() / 1000.0));
        g.writeString(ApiJson.plain(s.v()));
        g.writeEndArray();
      }
      case StringValue s -> {
        g.writeStartArray();
        g.writeNumber(ApiJson.jsonNumber(s.t() / 1000.0));
        g.writeString(s.v());
        g.writeEndArray();
      }
      case InstantVector v -> writeVector(g, v);
      case RangeMatrix m -> writeMatrix(g, m);
    }
    g.writeEndObject();
  }

  private static void writeVector(JsonGenerator g, InstantVector v) throws IOException {
    g.writeStartArray();
    for (Sample s : v.samples()) {
      g.writeStartObject();
      g.writeFieldName("metric");
      ApiJson.writeLabels(g, s.labels());
      g.writeFieldName("value");
      ApiJson.writePoint(g, s.t(), s.v());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeMatrix(JsonGenerator g, RangeMatrix m) throws IOException {
    g.writeStartArray();
    for (SeriesPoints s : m.series()) {
      g.writeStartObject();
      g.writeFieldName("metric");
      ApiJson.writeLabels(g, s.labels());
      if (s.size() > 0) {
        g.writeFieldName("values");
        g.writeStartArray();
        long[] ts = s.ts();
        double[] vs = s.vs();
        for (int i = 0; i < s.size(); i++) {
          ApiJson.writePoint(g, ts[i], vs[i]);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
