package io.moraine.ingest.otlp;

import io.moraine.ingest.otlp.MetricsData.DataPoint;
import io.moraine.ingest.otlp.MetricsData.ExponentialPoint;
import io.moraine.ingest.otlp.MetricsData.HistogramPoint;
import io.moraine.ingest.otlp.MetricsData.Kind;
import io.moraine.ingest.otlp.MetricsData.NumberPoint;
import io.moraine.ingest.otlp.MetricsData.SummaryPoint;
import io.moraine.ingest.proto.WireReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the data points of the protobuf encoding ({@code NumberDataPoint}, {@code
 * HistogramDataPoint}, {@code SummaryDataPoint}; an {@code ExponentialHistogramDataPoint} only for
 * its time). Repeated numeric fields are taken packed or not, as protobuf requires. Stateless.
 */
final class ProtoPoints {
  private ProtoPoints() {}

  /** Reads one point of a metric of {@code kind}; the reader is inside the point's message. */
  static DataPoint point(WireReader r, Kind kind) {
    return switch (kind) {
      case GAUGE, SUM -> number(r);
      case HISTOGRAM -> histogram(r);
      case SUMMARY -> summary(r);
      case EXPONENTIAL_HISTOGRAM, NONE -> exponential(r);
    };
  }

  private static NumberPoint number(WireReader r) {
    List<String> attributes = new ArrayList<>();
    long time = 0;
    int flags = 0;
    double value = 0;
    while (r.next()) {
      switch (r.field()) {
        case 7 -> ProtoDecoder.keyValue(r, attributes);
        case 3 -> time = fixed64(r, "time_unix_nano");
        case 4 -> value = Double.longBitsToDouble(fixed64(r, "as_double"));
        case 6 -> value = fixed64(r, "as_int");
        case 8 -> flags = (int) ProtoDecoder.varint(r, "flags");
        default -> r.skip();
      }
    }
    return new NumberPoint(attributes.toArray(String[]::new), time, flags, value);
  }

  private static HistogramPoint histogram(WireReader r) {
    List<String> attributes = new ArrayList<>();
    long time = 0;
    int flags = 0;
    long count = 0;
    boolean hasSum = false;
    double sum = 0;
    Longs counts = new Longs();
    Longs bounds = new Longs();
    while (r.next()) {
      switch (r.field()) {
        case 9 -> ProtoDecoder.keyValue(r, attributes);
        case 3 -> time = fixed64(r, "time_unix_nano");
        case 4 -> count = fixed64(r, "count");
        case 5 -> {
          sum = Double.longBitsToDouble(fixed64(r, "sum"));
          hasSum = true;
        }
        case 6 -> repeatedFixed64(r, counts, "bucket_counts");
        case 7 -> repeatedFixed64(r, bounds, "explicit_bounds");
        case 10 -> flags = (int) ProtoDecoder.varint(r, "flags");
        default -> r.skip();
      }
    }
    double[] b = new double[bounds.n];
    for (int i = 0; i < b.length; i++) {
      b[i] = Double.longBitsToDouble(bounds.v[i]);
    }
    return new HistogramPoint(
        attributes.toArray(String[]::new),
        time,
        flags,
        count,
        hasSum,
        sum,
        Arrays.copyOf(counts.v, counts.n),
        b);
  }

  private static SummaryPoint summary(WireReader r) {
    List<String> attributes = new ArrayList<>();
    long time = 0;
    int flags = 0;
    long count = 0;
    double sum = 0;
    Longs quantiles = new Longs();
    Longs values = new Longs();
    while (r.next()) {
      switch (r.field()) {
        case 7 -> ProtoDecoder.keyValue(r, attributes);
        case 3 -> time = fixed64(r, "time_unix_nano");
        case 4 -> count = fixed64(r, "count");
        case 5 -> sum = Double.longBitsToDouble(fixed64(r, "sum"));
        case 6 -> {
          r.expect(WireReader.LENGTH_DELIMITED, "quantile_values");
          int outer = r.enter();
          long q = 0;
          long v = 0;
          while (r.next()) {
            switch (r.field()) {
              case 1 -> q = fixed64(r, "quantile");
              case 2 -> v = fixed64(r, "value");
              default -> r.skip();
            }
          }
          r.exit(outer);
          quantiles.add(q);
          values.add(v);
        }
        case 8 -> flags = (int) ProtoDecoder.varint(r, "flags");
        default -> r.skip();
      }
    }
    double[] q = new double[quantiles.n];
    double[] v = new double[values.n];
    for (int i = 0; i < q.length; i++) {
      q[i] = Double.longBitsToDouble(quantiles.v[i]);
      v[i] = Double.longBitsToDouble(values.v[i]);
    }
    return new SummaryPoint(attributes.toArray(String[]::new), time, flags, count, sum, q, v);
  }

  private static ExponentialPoint exponential(WireReader r) {
    long time = 0;
    while (r.next()) {
      if (r.field() == 3) {
        time = fixed64(r, "time_unix_nano");
      } else {
        r.skip();
      }
    }
    return new ExponentialPoint(new String[0], time, 0);
  }

  private static long fixed64(WireReader r, String name) {
    r.expect(WireReader.FIXED64, name);
    return r.fixed64();
  }

  private static void repeatedFixed64(WireReader r, Longs out, String name) {
    if (r.wireType() == WireReader.FIXED64) {
      out.add(r.fixed64());
      return;
    }
    r.expect(WireReader.LENGTH_DELIMITED, name);
    int n = r.length();
    if (n % 8 != 0) {
      throw new io.moraine.ingest.proto.WireFormatException(
          "packed " + name + " of " + n + " bytes, not a multiple of 8", r.position());
    }
    int end = r.position() + n;
    while (r.position() < end) {
      out.add(r.fixed64());
    }
  }

  /** A growable array of 64-bit values. */
  private static final class Longs {
    long[] v = new long[16];
    int n;

    void add(long x) {
      if (n == v.length) {
        v = Arrays.copyOf(v, n * 2);
      }
      v[n++] = x;
    }
  }
}
