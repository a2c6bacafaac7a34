package io.moraine.ingest.push;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.ingest.proto.WireReader;
import java.util.ArrayList;
import java.util.List;

/** One {@code io.prometheus.client.Metric} message of a family, flattened. Single use. */
final class ProtoMetric {
  private final String name;
  private final FamilyType type;
  private final Labels.Builder labels = Labels.builder();
  private final List<double[]> quantiles = new ArrayList<>();
  private final List<double[]> buckets = new ArrayList<>();
  private FamilyType kind = FamilyType.UNTYPED;
  private boolean seen;
  private double value;
  private double sum;
  private double count;

  ProtoMetric(String name, FamilyType type) {
    this.name = name;
    this.type = type;
  }

  void read(WireReader r, List<PushedSample> out, boolean[] timestamps) {
    while (r.next()) {
      switch (r.field()) {
        case 1 -> label(r);
        case 2 -> simple(r, FamilyType.GAUGE);
        case 3 -> simple(r, FamilyType.COUNTER);
        case 4 -> nested(r, FamilyType.SUMMARY);
        case 5 -> simple(r, FamilyType.UNTYPED);
        case 6 -> {
          r.varint();
          timestamps[0] = true;
        }
        case 7 -> nested(r, FamilyType.HISTOGRAM);
        default -> r.skip();
      }
    }
    Labels base = labels.build();
    boolean histogram = type == FamilyType.HISTOGRAM || type == FamilyType.GAUGE_HISTOGRAM;
    if (!seen || (histogram ? kind != FamilyType.HISTOGRAM : kind != type)) {
      throw new PushRejectedException(
          "collected metric \"" + name + "\" { " + base + "} is not a " + type);
    }
    switch (kind) {
      case SUMMARY -> {
        for (double[] q : quantiles) {
          out.add(sample(base, name, "quantile", q[0], q[1]));
        }
        out.add(sample(base, name + "_sum", "", 0, sum));
        out.add(sample(base, name + "_count", "", 0, count));
      }
      case HISTOGRAM -> {
        boolean inf = false;
        for (double[] b : buckets) {
          inf |= b[0] == Double.POSITIVE_INFINITY;
          out.add(sample(base, name + "_bucket", "le", b[0], b[1]));
        }
        if (!inf && !buckets.isEmpty()) {
          out.add(sample(base, name + "_bucket", "le", Double.POSITIVE_INFINITY, count));
        }
        out.add(sample(base, name + "_sum", "", 0, sum));
        out.add(sample(base, name + "_count", "", 0, count));
      }
      default -> out.add(new PushedSample(ProtoBody.withName(base, name, "", ""), value));
    }
  }

  private static PushedSample sample(
      Labels base, String metric, String extra, double bound, double v) {
    return new PushedSample(
        ProtoBody.withName(base, metric, extra, extra.isEmpty() ? "" : ProtoBody.goFloat(bound)),
        v);
  }

  private void label(WireReader r) {
    int outer = r.enter();
    String n = "";
    String v = "";
    while (r.next()) {
      switch (r.field()) {
        case 1 -> n = ProtoBody.string(r);
        case 2 -> v = ProtoBody.string(r);
        default -> r.skip();
      }
    }
    r.exit(outer);
    if (!LabelValidation.isValidLabelName(n) || n.startsWith("__")) {
      throw new PushRejectedException(
          "collected metric \"" + name + "\" has a label with an invalid name: " + n);
    }
    labels.add(n, v);
  }

  private void simple(WireReader r, FamilyType k) {
    int outer = r.enter();
    while (r.next()) {
      if (r.field() == 1 && r.wireType() == WireReader.FIXED64) {
        value = r.fixed64AsDouble();
      } else {
        r.skip();
      }
    }
    r.exit(outer);
    kind = k;
    seen = true;
  }

  private void nested(WireReader r, FamilyType k) {
    int outer = r.enter();
    while (r.next()) {
      switch (r.field()) {
        case 1 -> count = r.wireType() == WireReader.VARINT ? (double) r.varint() : skip(r);
        case 2 -> sum = r.fixed64AsDouble();
        case 3 -> (k == FamilyType.SUMMARY ? quantiles : buckets).add(pair(r, k));
        case 4 -> {
          if (k == FamilyType.HISTOGRAM && r.wireType() == WireReader.FIXED64) {
            count = r.fixed64AsDouble(); // sample_count_float
          } else {
            r.skip();
          }
        }
        default -> r.skip();
      }
    }
    r.exit(outer);
    kind = k;
    seen = true;
  }

  private static double skip(WireReader r) {
    r.skip();
    return 0;
  }

  /** {quantile, value} of a Quantile or {upper_bound, cumulative count} of a Bucket. */
  private static double[] pair(WireReader r, FamilyType k) {
    int outer = r.enter();
    double[] p = new double[2];
    while (r.next()) {
      int f = r.field();
      if (k == FamilyType.SUMMARY && (f == 1 || f == 2)) {
        p[f - 1] = r.fixed64AsDouble();
      } else if (k == FamilyType.HISTOGRAM && f == 1 && r.wireType() == WireReader.VARINT) {
        p[1] = r.varint();
      } else if (k == FamilyType.HISTOGRAM && f == 2) {
        p[0] = r.fixed64AsDouble();
      } else if (k == FamilyType.HISTOGRAM && f == 4 && r.wireType() == WireReader.FIXED64) {
        p[1] = r.fixed64AsDouble();
      } else {
        r.skip();
      }
    }
    r.exit(outer);
    return p;
  }
}
