package io.moraine.logs.push;

/**
 * One tenant's ingestion limits, as Loki 2.9's {@code limits_config} names them.
 *
 * @param ingestionRateBytesPerSecond {@code ingestion_rate_mb} in bytes: the token bucket's refill
 *     rate (sum of line lengths per second)
 * @param ingestionBurstBytes {@code ingestion_burst_size_mb} in bytes: the bucket's size; a request
 *     whose valid lines sum to more is always refused
 * @param maxLineSizeBytes {@code max_line_size}; 0 for no limit
 * @param maxLineSizeTruncate {@code max_line_size_truncate}: cut long lines instead of refusing
 * @param maxLabelNamesPerSeries {@code max_label_names_per_series}
 * @param maxLabelNameLength {@code max_label_name_length} in bytes
 * @param maxLabelValueLength {@code max_label_value_length} in bytes
 * @param rejectOldSamples {@code reject_old_samples}
 * @param rejectOldSamplesMaxAgeNanos {@code reject_old_samples_max_age}
 * @param creationGracePeriodNanos {@code creation_grace_period}: how far in the future an entry may
 *     be
 * @param allowStructuredMetadata {@code allow_structured_metadata}
 */
public record IngestLimits(
    double ingestionRateBytesPerSecond,
    long ingestionBurstBytes,
    int maxLineSizeBytes,
    boolean maxLineSizeTruncate,
    int maxLabelNamesPerSeries,
    int maxLabelNameLength,
    int maxLabelValueLength,
    boolean rejectOldSamples,
    long rejectOldSamplesMaxAgeNanos,
    long creationGracePeriodNanos,
    boolean allowStructuredMetadata) {
  private static final long MIB = 1L << 20;
  private static final long MINUTE_NANOS = 60_000_000_000L;

  /**
   * Loki 2.9's defaults: 4 MB/s, burst 6 MB, no line size limit, 30 label names, names up to 1024
   * and values up to 2048 bytes, entries older than 7 days or more than 10 minutes ahead refused.
   * Structured metadata is allowed (Loki 2.9 defaults to refusing it, Loki 3 to allowing it; OTLP
   * ingestion needs it).
   */
  public static final IngestLimits DEFAULT =
      new IngestLimits(
          4.0 * MIB,
          6 * MIB,
          0,
          false,
          30,
          1024,
          2048,
          true,
          7 * 24 * 60 * MINUTE_NANOS,
          10 * MINUTE_NANOS,
          true);

  public IngestLimits {
    if (!(ingestionRateBytesPerSecond >= 0) || ingestionBurstBytes < 0) {
      throw new IllegalArgumentException("ingestion rate and burst must not be negative");
    }
    if (maxLineSizeBytes < 0
        || maxLabelNamesPerSeries < 0
        || maxLabelNameLength < 0
        || maxLabelValueLength < 0
        || rejectOldSamplesMaxAgeNanos < 0
        || creationGracePeriodNanos < 0) {
      throw new IllegalArgumentException("ingest limits must not be negative: " + this);
    }
  }
}
