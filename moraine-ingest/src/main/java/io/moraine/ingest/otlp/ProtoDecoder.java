package io.moraine.ingest.otlp;

import io.moraine.ingest.otlp.MetricsData.DataPoint;
import io.moraine.ingest.otlp.MetricsData.Kind;
import io.moraine.ingest.otlp.MetricsData.Metric;
import io.moraine.ingest.otlp.MetricsData.Resource;
import io.moraine.ingest.proto.WireFormatException;
import io.moraine.ingest.proto.WireReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a protobuf {@code ExportMetricsServiceRequest} (field numbers of opentelemetry-proto
 * {@code collector/metrics/v1}, {@code metrics/v1}, {@code common/v1}, {@code resource/v1}).
 * Unknown fields are skipped, as protobuf requires; scopes, descriptions, exemplars, start times
 * and min/max are skipped too. Points are read by {@link ProtoPoints}. Stateless and thread-safe.
 */
final class ProtoDecoder {
  private ProtoDecoder() {}

  /**
   * The resources of {@code buf[offset, offset + length)}.
   *
   * @throws OtlpFormatException on bytes that are not such a request
   */
  static List<Resource> decode(byte[] buf, int offset, int length) {
    WireReader r = new WireReader(buf, offset, length);
    List<Resource> out = new ArrayList<>();
    try {
      while (r.next()) {
        if (r.field() == 1) {
          r.expect(WireReader.LENGTH_DELIMITED, "resource_metrics");
          int outer = r.enter();
          out.add(resourceMetrics(r));
          r.exit(outer);
        } else {
          r.skip();
        }
      }
    } catch (WireFormatException e) {
      throw new OtlpFormatException(
          "invalid ExportMetricsServiceRequest (protobuf): " + e.getMessage());
    }
    return out;
  }

  private static Resource resourceMetrics(WireReader r) {
    List<String> attributes = new ArrayList<>();
    List<Metric> metrics = new ArrayList<>();
    while (r.next()) {
      switch (r.field()) {
        case 1 -> {
          r.expect(WireReader.LENGTH_DELIMITED, "resource");
          int outer = r.enter();
          while (r.next()) {
            if (r.field() == 1) {
              keyValue(r, attributes);
            } else {
              r.skip();
            }
          }
          r.exit(outer);
        }
        case 2 -> {
          r.expect(WireReader.LENGTH_DELIMITED, "scope_metrics");
          int outer = r.enter();
          while (r.next()) {
            if (r.field() == 2) {
              r.expect(WireReader.LENGTH_DELIMITED, "metrics");
              int o = r.enter();
              metrics.add(metric(r));
              r.exit(o);
            } else {
              r.skip();
            }
          }
          r.exit(outer);
        }
        default -> r.skip();
      }
    }
    return new Resource(attributes.toArray(String[]::new), metrics);
  }

  private static Metric metric(WireReader r) {
    String name = "";
    String unit = "";
    Kind kind = Kind.NONE;
    int temporality = MetricsData.TEMPORALITY_UNSPECIFIED;
    boolean monotonic = false;
    List<DataPoint> points = new ArrayList<>();
    while (r.next()) {
      int f = r.field();
      switch (f) {
        case 1 -> name = string(r, "name");
        case 3 -> unit = string(r, "unit");
        case 5, 7, 9, 10, 11 -> {
          r.expect(WireReader.LENGTH_DELIMITED, "data");
          kind = kindOf(f);
          points = new ArrayList<>();
          int outer = r.enter();
          while (r.next()) {
            switch (r.field()) {
              case 1 -> {
                r.expect(WireReader.LENGTH_DELIMITED, "data_points");
                int o = r.enter();
                points.add(ProtoPoints.point(r, kind));
                r.exit(o);
              }
              case 2 -> {
                r.expect(WireReader.VARINT, "aggregation_temporality");
                temporality = (int) r.varint();
              }
              case 3 -> {
                r.expect(WireReader.VARINT, "is_monotonic");
                monotonic = r.varint() != 0;
              }
              default -> r.skip();
            }
          }
          r.exit(outer);
        }
        default -> r.skip();
      }
    }
    return new Metric(name, unit, kind, temporality, monotonic, points);
  }

  private static Kind kindOf(int field) {
    return switch (field) {
      case 5 -> Kind.GAUGE;
      case 7 -> Kind.SUM;
      case 9 -> Kind.HISTOGRAM;
      case 10 -> Kind.EXPONENTIAL_HISTOGRAM;
      default -> Kind.SUMMARY;
    };
  }

  /** Reads a {@code KeyValue} and adds its key and rendered value to {@code out}. */
  static void keyValue(WireReader r, List<String> out) {
    KeyValue kv = readKeyValue(r, "attributes");
    out.add(kv.key());
    out.add(kv.value().text());
  }

  private record KeyValue(String key, AttributeValue value) {}

  /** A {@code KeyValue} message in field {@code field}. */
  private static KeyValue readKeyValue(WireReader r, String field) {
    r.expect(WireReader.LENGTH_DELIMITED, field);
    int outer = r.enter();
    String key = "";
    AttributeValue value = AttributeValue.EMPTY;
    while (r.next()) {
      switch (r.field()) {
        case 1 -> key = string(r, "key");
        case 2 -> value = anyValue(r);
        default -> r.skip();
      }
    }
    r.exit(outer);
    return new KeyValue(key, value);
  }

  private static AttributeValue anyValue(WireReader r) {
    r.expect(WireReader.LENGTH_DELIMITED, "value");
    int outer = r.enter();
    AttributeValue v = AttributeValue.EMPTY;
    while (r.next()) {
      switch (r.field()) {
        case 1 -> v = AttributeValue.ofString(string(r, "string_value"));
        case 2 -> v = AttributeValue.ofBool(varint(r, "bool_value") != 0);
        case 3 -> v = AttributeValue.ofInt(varint(r, "int_value"));
        case 4 -> {
          r.expect(WireReader.FIXED64, "double_value");
          v = AttributeValue.ofDouble(r.fixed64AsDouble());
        }
        case 5, 6 -> v = list(r, r.field() == 6);
        case 7 -> {
          r.expect(WireReader.LENGTH_DELIMITED, "bytes_value");
          int n = r.length();
          byte[] b = new byte[n];
          System.arraycopy(r.array(), r.position(), b, 0, n);
          r.seek(r.position() + n);
          v = AttributeValue.ofBytes(b);
        }
        default -> r.skip();
      }
    }
    r.exit(outer);
    return v;
  }

  /** An {@code ArrayValue} or (when {@code map}) a {@code KeyValueList}. */
  private static AttributeValue list(WireReader r, boolean map) {
    r.expect(WireReader.LENGTH_DELIMITED, map ? "kvlist_value" : "array_value");
    int outer = r.enter();
    List<String> keys = new ArrayList<>();
    List<AttributeValue> values = new ArrayList<>();
    while (r.next()) {
      if (r.field() != 1) {
        r.skip();
      } else if (map) {
        KeyValue kv = readKeyValue(r, "values");
        keys.add(kv.key());
        values.add(kv.value());
      } else {
        values.add(anyValue(r));
      }
    }
    r.exit(outer);
    return map ? AttributeValue.ofMap(keys, values) : AttributeValue.ofArray(values);
  }

  static long varint(WireReader r, String name) {
    r.expect(WireReader.VARINT, name);
    return r.varint();
  }

  /** A string field; invalid UTF-8 is refused, as protobuf's proto3 strings require. */
  static String string(WireReader r, String name) {
    r.expect(WireReader.LENGTH_DELIMITED, name);
    int n = r.length();
    int start = r.position();
    r.seek(start + n);
    byte[] b = r.array();
    boolean ascii = true;
    for (int i = start; i < start + n && ascii; i++) {
      ascii = b[i] >= 0;
    }
    if (ascii) {
      return new String(b, start, n, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(r.array(), start, n))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WireFormatException("invalid UTF-8 in string field " + name, start);
    }
  }
}
