package io.moraine.ingest.otlp;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.ingest.otlp.MetricsData.DataPoint;
import io.moraine.ingest.otlp.MetricsData.HistogramPoint;
import io.moraine.ingest.otlp.MetricsData.Kind;
import io.moraine.ingest.otlp.MetricsData.Metric;
import io.moraine.ingest.otlp.MetricsData.NumberPoint;
import io.moraine.ingest.otlp.MetricsData.Resource;
import io.moraine.ingest.otlp.MetricsData.SummaryPoint;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts decoded OTLP metrics to Prometheus samples and appends them, as Prometheus' OTLP
 * translator does ({@code otlptranslator/prometheusremotewrite}, with {@code _created} series off):
 * gauges and non-monotonic cumulative sums become gauges, monotonic cumulative sums counters
 * ({@code _total}), cumulative histograms {@code _bucket{le}} (cumulative, with {@code +Inf}),
 * {@code _sum} (when sent) and {@code _count}, summaries {@code {quantile}}, {@code _sum} and
 * {@code _count}. A point flagged {@code NO_RECORDED_VALUE} gives stale markers. Times are cut from
 * nanoseconds to milliseconds. Resource attributes other than the service's become one {@code
 * target_info} sample (value 1, at the resource's latest point time) when enabled.
 *
 * <p>Not converted, counted as rejected by reason: sums and histograms of delta ({@code
 * delta_temporality}) or unspecified ({@code unspecified_temporality}) temporality, exponential
 * histograms ({@code exponential_histogram}; no native histograms here). A point with a sample the
 * store refuses counts once under the store's reason; its other samples and the rest of the batch
 * are kept. Not thread-safe: one per request.
 */
final class SeriesConverter {
  private static final String TARGET_INFO = "target_info";

  private final boolean targetInfo;
  private final Appender app;
  private final Tally tally;
  private @Nullable SampleRejectedException pointFailure;

  SeriesConverter(boolean targetInfo, Appender app, Tally tally) {
    this.targetInfo = targetInfo;
    this.app = app;
    this.tally = tally;
  }

  /** Appends every resource's samples; does not commit. */
  void convert(List<Resource> resources) {
    for (Resource r : resources) {
      convert(r);
    }
  }

  private void convert(Resource r) {
    String job = SeriesLabels.job(r.attributes());
    String instance = SeriesLabels.instance(r.attributes());
    long latestNanos = Long.MIN_VALUE;
    for (Metric m : r.metrics()) {
      tally.received(m.points().size());
      for (DataPoint p : m.points()) {
        latestNanos = Math.max(latestNanos, p.timeNanos());
      }
      String refusal = refusal(m);
      if (refusal != null) {
        tally.reject(refusal, m.points().size(), message(refusal, m.name()));
        continue;
      }
      String name =
          PromNames.metricName(
              m.name(), m.unit(), m.kind() == Kind.SUM && m.monotonic(), m.kind() == Kind.GAUGE);
      for (DataPoint p : m.points()) {
        pointFailure = null;
        String[] base = SeriesLabels.base(p.attributes(), job, instance);
        long t = p.timeNanos() / 1_000_000;
        switch (p) {
          case NumberPoint n -> append(base, name, null, null, t, value(p, n.value()));
          case HistogramPoint h -> histogram(base, name, t, h);
          case SummaryPoint s -> summary(base, name, t, s);
          case MetricsData.ExponentialPoint e -> throw new IllegalStateException("BUG: refused");
        }
        SampleRejectedException f = pointFailure;
        if (f != null) {
          tally.reject(f.reason(), 1, String.valueOf(f.getMessage()));
        }
      }
    }
    if (targetInfo && latestNanos != Long.MIN_VALUE) {
      targetInfo(r.attributes(), job, instance, latestNanos / 1_000_000);
    }
  }

  /** The reason a whole metric is not converted, or null. */
  private static @Nullable String refusal(Metric m) {
    return switch (m.kind()) {
      case EXPONENTIAL_HISTOGRAM -> "exponential_histogram";
      case SUM, HISTOGRAM ->
          switch (m.temporality()) {
            case MetricsData.TEMPORALITY_CUMULATIVE -> null;
            case MetricsData.TEMPORALITY_DELTA -> "delta_temporality";
            default -> "unspecified_temporality";
          };
      case NONE, GAUGE, SUMMARY -> null;
    };
  }

  private static String message(String reason, String metric) {
    return reason.equals("exponential_histogram")
        ? "exponential histograms are not supported, metric \"" + metric + "\" dropped"
        : "invalid temporality and type combination for metric \"" + metric + "\"";
  }

  private void histogram(String[] base, String name, long t, HistogramPoint h) {
    if (h.hasSum()) {
      append(base, name + "_sum", null, null, t, value(h, h.sum()));
    }
    append(base, name + "_count", null, null, t, value(h, unsigned(h.count())));
    long cumulative = 0;
    int n = Math.min(h.bounds().length, h.bucketCounts().length);
    for (int i = 0; i < n; i++) {
      cumulative += h.bucketCounts()[i];
      String le = goFloat(h.bounds()[i]);
      append(base, name + "_bucket", "le", le, t, value(h, unsigned(cumulative)));
    }
    append(base, name + "_bucket", "le", "+Inf", t, value(h, unsigned(h.count())));
  }

  private void summary(String[] base, String name, long t, SummaryPoint s) {
    append(base, name + "_sum", null, null, t, value(s, s.sum()));
    append(base, name + "_count", null, null, t, value(s, unsigned(s.count())));
    for (int i = 0; i < s.quantiles().length; i++) {
      String q = goFloat(s.quantiles()[i]);
      append(base, name, "quantile", q, t, value(s, s.values()[i]));
    }
  }

  private void targetInfo(String[] resource, @Nullable String job, @Nullable String inst, long t) {
    String[] rest = new String[resource.length];
    int n = 0;
    for (int i = 0; i < resource.length; i += 2) {
      String k = resource[i];
      if (!k.equals(SeriesLabels.SERVICE_NAME)
          && !k.equals(SeriesLabels.SERVICE_NAMESPACE)
          && !k.equals(SeriesLabels.SERVICE_INSTANCE_ID)) {
        rest[n++] = k;
        rest[n++] = resource[i + 1];
      }
    }
    if (n == 0) {
      return;
    }
    String[] base = SeriesLabels.base(java.util.Arrays.copyOf(rest, n), job, inst);
    pointFailure = null;
    append(base, TARGET_INFO, null, null, t, 1);
    SampleRejectedException f = pointFailure;
    if (f != null) {
      tally.rejectTargetInfo(f.reason());
    }
  }

  private void append(
      String[] base,
      String name,
      @Nullable String extraName,
      @Nullable String extraValue,
      long t,
      double v) {
    Labels labels = SeriesLabels.series(base, name, extraName, extraValue);
    try {
      app.append(labels, t, v);
    } catch (SampleRejectedException e) {
      if (pointFailure == null) {
        pointFailure = e;
      }
    }
  }

  private static double value(DataPoint p, double v) {
    return p.noRecordedValue() ? StaleNaN.VALUE : v;
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  /** A float as Go's {@code strconv.FormatFloat(f, 'f', -1, 64)} writes it (bounds, quantiles). */
  static String goFloat(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    if (f == 0) {
      return (Double.doubleToRawLongBits(f) < 0) ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(f)).stripTrailingZeros().toPlainString();
  }
}
