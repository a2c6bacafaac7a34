package io.moraine.ingest.otlp;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.ingest.otlp.MetricsData.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives OTLP metrics ({@code ExportMetricsServiceRequest}) and stores them as Prometheus series
 * (see {@link SeriesConverter} for the conversion). Thread-safe: requests may run concurrently.
 *
 * <p>A request is decoded whole first, so an undecodable one stores nothing; then its samples are
 * appended through one appender and committed. Points that cannot be converted and points with a
 * sample the store refuses are counted and named in the result's message; the rest of the request
 * is stored (OTLP's partial success).
 *
 * <p>Counts {@code moraine_otlp_points_received_total} (points of decodable requests) and {@code
 * moraine_otlp_points_rejected_total{reason}} ({@code delta_temporality}, {@code
 * unspecified_temporality}, {@code exponential_histogram}, or the store's reason such as {@code
 * out_of_order}; {@code target_info} samples the store refuses count here too).
 */
public final class OtlpReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpReceiver.class);

  private final OtlpOptions options;
  private final Counter received;
  private final Counter.Family rejected;

  /** A receiver registering its counters in {@code registry}. */
  public OtlpReceiver(OtlpOptions options, MetricRegistry registry) {
    this.options = Objects.requireNonNull(options, "options");
    this.received =
        registry
            .counter(
                "moraine_otlp_points_received_total",
                "OTLP metric data points received in decodable requests.")
            .labels();
    this.rejected =
        registry.counter(
            "moraine_otlp_points_rejected_total",
            "OTLP metric data points not stored, by reason.",
            "reason");
  }

  /**
   * Decodes {@code body[offset, offset + length)} in {@code encoding} and stores its samples in
   * {@code store}, committed before this returns. The body is only read, and not retained.
   *
   * @throws OtlpFormatException when the body cannot be decoded; nothing was stored
   * @throws java.io.UncheckedIOException when the store cannot write its log (a server fault)
   */
  public ExportResult export(
      byte[] body, int offset, int length, Encoding encoding, Appendable store) {
    Objects.requireNonNull(store, "store");
    List<Resource> resources =
        switch (encoding) {
          case PROTOBUF -> ProtoDecoder.decode(body, offset, length);
          case JSON -> JsonDecoder.decode(body, offset, length);
        };
    Tally tally = new Tally();
    Appender app = store.appender();
    boolean committed = false;
    try {
      new SeriesConverter(options.targetInfo(), app, tally).convert(resources);
      app.commit();
      committed = true;
    } finally {
      if (!committed) {
        app.rollback();
      }
    }
    count(tally);
    return new ExportResult(tally.received(), tally.rejected(), tally.message());
  }

  private void count(Tally tally) {
    received.add(tally.received());
    for (Map.Entry<String, Long> e : tally.rejectedByReason().entrySet()) {
      rejected.labels(e.getKey()).add(e.getValue());
    }
    for (Map.Entry<String, Long> e : tally.targetInfoRejected().entrySet()) {
      rejected.labels(e.getKey()).add(e.getValue());
    }
    if (tally.rejected() > 0) {
      LOG.atDebug()
          .addKeyValue("rejected", tally.rejected())
          .addKeyValue("detail", tally.message())
          .log("OTLP request partly stored");
    }
  }
}
