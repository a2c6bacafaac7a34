package io.moraine.testkit.data;

import io.moraine.core.labels.Labels;
import java.util.List;

/**
 * Collects the series of one target into the generator's lists, up to the target's size: like
 * {@code lib/series.py}, a series that does not fit is left out, a histogram only fits whole.
 */
final class SeriesSink {
  private final List<SeriesSpec> specs;
  private final List<HistogramSpec> histograms;
  private final String[] extraLabels;
  private final int start;
  private final int capacity;

  /**
   * @param extraLabels names and values added to every series after its own (job, instance)
   */
  SeriesSink(
      List<SeriesSpec> specs, List<HistogramSpec> histograms, int capacity, String... extraLabels) {
    this.specs = specs;
    this.histograms = histograms;
    this.extraLabels = extraLabels;
    this.start = specs.size();
    this.capacity = capacity;
  }

  /** Series of this target so far. */
  int count() {
    return specs.size() - start;
  }

  boolean full() {
    return count() >= capacity;
  }

  Family family(String name, String type) {
    return new Family(name, type);
  }

  /** A metric family being filled. */
  final class Family {
    private final String name;
    private final String type;

    private Family(String name, String type) {
      this.name = name;
      this.type = type;
    }

    /** Adds a plain series with labels given as alternating names and values, if it fits. */
    void add(ValueKind kind, double initial, double p1, double p2, double p3, String... labels) {
      if (full()) {
        return;
      }
      int index = specs.size();
      specs.add(
          new SeriesSpec(
              labels(name, labels),
              name,
              type,
              text(name, labels),
              kind,
              initial,
              p1,
              p2,
              p3,
              index,
              -1,
              0));
    }

    /** Adds a histogram's buckets (with +Inf), sum and count, if they all fit. */
    void addHistogram(HistogramSpec h, String[] bounds, String... labels) {
      int n = bounds.length + 3;
      if (count() + n > capacity) {
        return;
      }
      int group = specs.size();
      int hist = histograms.size();
      histograms.add(h);
      for (int b = 0; b <= bounds.length; b++) {
        String[] lab = java.util.Arrays.copyOf(labels, labels.length + 2);
        lab[labels.length] = "le";
        lab[labels.length + 1] = b < bounds.length ? bounds[b] : "+Inf";
        String bucket = name + "_bucket";
        specs.add(
            new SeriesSpec(
                labels(bucket, lab),
                name,
                type,
                text(bucket, lab),
                ValueKind.HISTOGRAM_BUCKET,
                h.startCounts()[b],
                0,
                0,
                0,
                group,
                hist,
                b));
      }
      String sum = name + "_sum";
      specs.add(
          new SeriesSpec(
              labels(sum, labels),
              name,
              type,
              text(sum, labels),
              ValueKind.HISTOGRAM_SUM,
              h.startSum(),
              0,
              0,
              0,
              group,
              hist,
              bounds.length + 1));
      String cnt = name + "_count";
      specs.add(
          new SeriesSpec(
              labels(cnt, labels),
              name,
              type,
              text(cnt, labels),
              ValueKind.HISTOGRAM_COUNT,
              h.startCounts()[bounds.length],
              0,
              0,
              0,
              group,
              hist,
              bounds.length + 2));
    }
  }

  private Labels labels(String metric, String[] pairs) {
    Labels.Builder b = Labels.builder().add(Labels.METRIC_NAME, metric);
    for (int i = 0; i < pairs.length; i += 2) {
      b.add(pairs[i], pairs[i + 1]);
    }
    for (int i = 0; i < extraLabels.length; i += 2) {
      b.add(extraLabels[i], extraLabels[i + 1]);
    }
    return b.build();
  }

  /** {@code name{a="b",...,job="..",instance=".."}} with labels in generation order. */
  private String text(String metric, String[] pairs) {
    StringBuilder sb = new StringBuilder(metric);
    if (pairs.length + extraLabels.length == 0) {
      return sb.toString();
    }
    sb.append('{');
    appendPairs(sb, pairs);
    if (pairs.length > 0 && extraLabels.length > 0) {
      sb.append(',');
    }
    appendPairs(sb, extraLabels);
    return sb.append('}').toString();
  }

  private static void appendPairs(StringBuilder sb, String[] pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(pairs[i]).append("=\"");
      Labels.appendEscaped(sb, pairs[i + 1]);
      sb.append('"');
    }
  }
}
