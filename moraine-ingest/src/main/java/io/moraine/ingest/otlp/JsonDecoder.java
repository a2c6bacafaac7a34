package io.moraine.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.moraine.ingest.otlp.MetricsData.DataPoint;
import io.moraine.ingest.otlp.MetricsData.Kind;
import io.moraine.ingest.otlp.MetricsData.Metric;
import io.moraine.ingest.otlp.MetricsData.Resource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an {@code ExportMetricsServiceRequest} in the OTLP/JSON encoding: the protobuf JSON
 * mapping with lowerCamelCase field names (the original snake_case names are accepted too, as
 * protobuf's JSON parsers accept them), enums as integers (or their names), 64-bit integers as
 * decimal strings or numbers, doubles as numbers or the strings {@code NaN}, {@code Infinity},
 * {@code -Infinity}, bytes in base64. Unknown fields are skipped; {@code null} is a field's
 * default. Points are read by {@link JsonPoints}. Thread-safe.
 */
final class JsonDecoder {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  private JsonDecoder() {}

  /**
   * The resources of {@code buf[offset, offset + length)}.
   *
   * @throws OtlpFormatException on bytes that are not such a request
   */
  static List<Resource> decode(byte[] buf, int offset, int length) {
    List<Resource> out = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(buf, offset, length)) {
      p.nextToken();
      Json.object(
          p,
          name -> {
            if (name.equals("resourceMetrics")) {
              Json.array(p, () -> out.add(resourceMetrics(p)));
            } else {
              p.skipChildren();
            }
          });
      if (p.nextToken() != null) {
        throw new OtlpFormatException("data after the end of the object at " + Json.where(p));
      }
    } catch (OtlpFormatException e) {
      throw new OtlpFormatException(
          "invalid ExportMetricsServiceRequest (JSON): " + e.getMessage());
    } catch (JsonProcessingException e) {
      throw new OtlpFormatException(
          "invalid ExportMetricsServiceRequest (JSON): " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new OtlpFormatException("invalid ExportMetricsServiceRequest (JSON): " + e);
    }
    return out;
  }

  private static Resource resourceMetrics(JsonParser p) throws IOException {
    List<String> attributes = new ArrayList<>();
    List<Metric> metrics = new ArrayList<>();
    Json.object(
        p,
        name -> {
          switch (name) {
            case "resource" ->
                Json.object(
                    p,
                    n -> {
                      if (n.equals("attributes")) {
                        Json.array(p, () -> keyValue(p, attributes));
                      } else {
                        p.skipChildren();
                      }
                    });
            case "scopeMetrics" ->
                Json.array(
                    p,
                    () ->
                        Json.object(
                            p,
                            n -> {
                              if (n.equals("metrics")) {
                                Json.array(p, () -> metrics.add(metric(p)));
                              } else {
                                p.skipChildren();
                              }
                            }));
            default -> p.skipChildren();
          }
        });
    return new Resource(attributes.toArray(String[]::new), metrics);
  }

  /** The fields of a {@code Metric}, collected in any order. */
  private static final class MetricFields {
    String name = "";
    String unit = "";
    Kind kind = Kind.NONE;
    int temporality;
    boolean monotonic;
    List<DataPoint> points = new ArrayList<>();
  }

  private static Metric metric(JsonParser p) throws IOException {
    MetricFields m = new MetricFields();
    Json.object(
        p,
        name -> {
          Kind kind = kindOf(name);
          if (name.equals("name")) {
            m.name = Json.string(p);
          } else if (name.equals("unit")) {
            m.unit = Json.string(p);
          } else if (kind != Kind.NONE && p.currentToken() != JsonToken.VALUE_NULL) {
            m.kind = kind;
            m.points = new ArrayList<>();
            data(p, m);
          } else {
            p.skipChildren();
          }
        });
    return new Metric(m.name, m.unit, m.kind, m.temporality, m.monotonic, m.points);
  }

  private static void data(JsonParser p, MetricFields m) throws IOException {
    Json.object(
        p,
        name -> {
          switch (name) {
            case "dataPoints" -> Json.array(p, () -> m.points.add(JsonPoints.point(p, m.kind)));
            case "aggregationTemporality" -> m.temporality = Json.temporality(p);
            case "isMonotonic" -> m.monotonic = Json.bool(p);
            default -> p.skipChildren();
          }
        });
  }

  private static Kind kindOf(String field) {
    return switch (field) {
      case "gauge" -> Kind.GAUGE;
      case "sum" -> Kind.SUM;
      case "histogram" -> Kind.HISTOGRAM;
      case "exponentialHistogram" -> Kind.EXPONENTIAL_HISTOGRAM;
      case "summary" -> Kind.SUMMARY;
      default -> Kind.NONE;
    };
  }

  /** Reads a {@code KeyValue} and adds its key and rendered value to {@code out}. */
  static void keyValue(JsonParser p, List<String> out) throws IOException {
    String[] key = {""};
    AttributeValue[] value = {AttributeValue.EMPTY};
    Json.object(
        p,
        name -> {
          switch (name) {
            case "key" -> key[0] = Json.string(p);
            case "value" -> value[0] = anyValue(p);
            default -> p.skipChildren();
          }
        });
    out.add(key[0]);
    out.add(value[0].text());
  }

  private static AttributeValue anyValue(JsonParser p) throws IOException {
    AttributeValue[] v = {AttributeValue.EMPTY};
    Json.object(
        p,
        name -> {
          if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
          }
          switch (name) {
            case "stringValue" -> v[0] = AttributeValue.ofString(Json.string(p));
            case "boolValue" -> v[0] = AttributeValue.ofBool(Json.bool(p));
            case "intValue" -> v[0] = AttributeValue.ofInt(Json.int64(p));
            case "doubleValue" -> v[0] = AttributeValue.ofDouble(Json.float64(p));
            case "bytesValue" -> v[0] = AttributeValue.ofBytes(Json.bytes(p));
            case "arrayValue" -> v[0] = list(p, false);
            case "kvlistValue" -> v[0] = list(p, true);
            default -> p.skipChildren();
          }
        });
    return v[0];
  }

  private static AttributeValue list(JsonParser p, boolean map) throws IOException {
    List<String> keys = new ArrayList<>();
    List<AttributeValue> values = new ArrayList<>();
    Json.object(
        p,
        name -> {
          if (!name.equals("values")) {
            p.skipChildren();
          } else if (map) {
            Json.array(
                p,
                () -> {
                  List<String> kv = new ArrayList<>(2);
                  AttributeValue[] v = {AttributeValue.EMPTY};
                  Json.object(
                      p,
                      n -> {
                        switch (n) {
                          case "key" -> kv.add(Json.string(p));
                          case "value" -> v[0] = anyValue(p);
                          default -> p.skipChildren();
                        }
                      });
                  keys.add(kv.isEmpty() ? "" : kv.getFirst());
                  values.add(v[0]);
                });
          } else {
            Json.array(p, () -> values.add(anyValue(p)));
          }
        });
    return map ? AttributeValue.ofMap(keys, values) : AttributeValue.ofArray(values);
  }
}
