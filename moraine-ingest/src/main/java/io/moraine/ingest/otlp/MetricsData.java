package io.moraine.ingest.otlp;

import java.util.List;

/**
 * The parts of an {@code ExportMetricsServiceRequest} that the conversion reads; everything else
 * (descriptions, scopes, exemplars, start times, min/max) is skipped by the decoders. Attributes
 * are alternating keys and values, in input order, values already rendered as strings the way the
 * OpenTelemetry collector's {@code AsString} does. Immutable once decoded; arrays are owned.
 */
final class MetricsData {
  /** {@code AggregationTemporality} values of the protocol. */
  static final int TEMPORALITY_UNSPECIFIED = 0;

  static final int TEMPORALITY_DELTA = 1;
  static final int TEMPORALITY_CUMULATIVE = 2;

  /** {@code DataPointFlags.NO_RECORDED_VALUE_MASK}. */
  static final int FLAG_NO_RECORDED_VALUE = 1;

  private MetricsData() {}

  /** One {@code ResourceMetrics}, its scopes flattened. */
  record Resource(String[] attributes, List<Metric> metrics) {}

  /** The metric kinds; {@code NONE} when the request set none of the {@code data} oneof. */
  enum Kind {
    NONE,
    GAUGE,
    SUM,
    HISTOGRAM,
    EXPONENTIAL_HISTOGRAM,
    SUMMARY
  }

  /**
   * One {@code Metric}.
   *
   * @param temporality for sums and histograms, one of the {@code TEMPORALITY_*} values
   * @param monotonic for sums
   */
  record Metric(
      String name,
      String unit,
      Kind kind,
      int temporality,
      boolean monotonic,
      List<DataPoint> points) {}

  /** A data point of any kind. */
  sealed interface DataPoint {
    String[] attributes();

    long timeNanos();

    int flags();

    default boolean noRecordedValue() {
      return (flags() & FLAG_NO_RECORDED_VALUE) != 0;
    }
  }

  /** A gauge or sum point; an integer value is already widened to double. */
  record NumberPoint(String[] attributes, long timeNanos, int flags, double value)
      implements DataPoint {}

  /**
   * An explicit-bucket histogram point.
   *
   * @param count unsigned
   * @param bucketCounts per bucket (not cumulative), unsigned
   * @param bounds upper bounds; one fewer than the buckets when well-formed
   */
  record HistogramPoint(
      String[] attributes,
      long timeNanos,
      int flags,
      long count,
      boolean hasSum,
      double sum,
      long[] bucketCounts,
      double[] bounds)
      implements DataPoint {}

  /** A summary point; {@code quantiles[i]} goes with {@code values[i]}. */
  record SummaryPoint(
      String[] attributes,
      long timeNanos,
      int flags,
      long count,
      double sum,
      double[] quantiles,
      double[] values)
      implements DataPoint {}

  /** An exponential histogram point: only its existence and time matter (it is dropped). */
  record ExponentialPoint(String[] attributes, long timeNanos, int flags) implements DataPoint {}
}
