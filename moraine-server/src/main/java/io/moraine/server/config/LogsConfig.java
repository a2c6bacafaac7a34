package io.moraine.server.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Moraine's {@code logs} section: the embedded Loki-compatible log store, its ingest limits, its
 * query limits and the optional forwarding of every accepted push to external Lokis. Immutable.
 *
 * @param enabled whether the server stores and serves logs
 * @param retentionMillis how long entries are kept (Loki's {@code retention_period}); 0 for ever
 * @param retentionSizeBytes the most bytes the log store may take; 0 for no limit
 * @param retentionStreams per-selector retention, the highest priority first matching wins
 * @param limits ingest limits per tenant (Loki's {@code limits_config})
 * @param query query limits
 * @param remotePush external Lokis that receive a copy of every accepted push
 */
public record LogsConfig(
    boolean enabled,
    long retentionMillis,
    long retentionSizeBytes,
    List<RetentionStream> retentionStreams,
    Limits limits,
    Query query,
    List<RemotePush> remotePush) {
  /** 31 days (744h), no size limit, Loki's default limits, nothing forwarded. */
  public static final LogsConfig DEFAULT =
      new LogsConfig(
          true, 744L * 3_600_000, 0, List.of(), Limits.DEFAULT, Query.DEFAULT, List.of());

  public LogsConfig {
    retentionStreams = List.copyOf(retentionStreams);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(query, "query");
    remotePush = List.copyOf(remotePush);
  }

  /**
   * {@code retention_stream} entry.
   *
   * @param selector a stream selector, e.g. {@code {namespace="dev"}}
   * @param periodMillis how long matching entries are kept (at least 24h)
   * @param priority the higher wins when several selectors match
   */
  public record RetentionStream(String selector, long periodMillis, int priority) {
    public RetentionStream {
      Objects.requireNonNull(selector, "selector");
    }
  }

  /**
   * {@code logs.limits}, Loki 2.9's names and defaults.
   *
   * @param ingestionRateMb per-tenant ingestion rate in MB/s (4)
   * @param ingestionBurstSizeMb per-tenant burst in MB (6)
   * @param maxLineSizeBytes the longest line taken (0: no limit, Loki 2.9's default)
   * @param maxLabelNamesPerSeries (30, Loki 2.9's default)
   * @param maxLabelNameLength (1024)
   * @param maxLabelValueLength (2048)
   * @param maxStreamsPerTenant active streams per tenant (10000); 0 for no limit
   * @param rejectOldSamplesMaxAgeMillis entries older than this are refused (168h); 0 takes all
   * @param creationGracePeriodMillis entries this far in the future are still taken (10m)
   */
  public record Limits(
      double ingestionRateMb,
      double ingestionBurstSizeMb,
      long maxLineSizeBytes,
      int maxLabelNamesPerSeries,
      int maxLabelNameLength,
      int maxLabelValueLength,
      int maxStreamsPerTenant,
      long rejectOldSamplesMaxAgeMillis,
      long creationGracePeriodMillis) {
    public static final Limits DEFAULT =
        new Limits(4, 6, 0, 30, 1024, 2048, 10_000, 168L * 3_600_000, 600_000);
  }

  /**
   * {@code logs.query}.
   *
   * @param maxEntriesLimit the largest {@code limit} of a log query (5000)
   * @param maxSeries the most series a metric query may return (500)
   * @param timeoutMillis how long a query may run (1m)
   */
  public record Query(int maxEntriesLimit, int maxSeries, long timeoutMillis) {
    public static final Query DEFAULT = new Query(5000, 500, 60_000);
  }

  /**
   * {@code remote_push} entry: an external Loki that receives every accepted push.
   *
   * @param url the push endpoint, e.g. {@code http://loki:3100/loki/api/v1/push}
   * @param tenantId {@code X-Scope-OrgID} sent, or null to send each push's own tenant
   * @param basicAuth credentials, or null
   * @param headers extra request headers
   * @param batchWaitMillis the longest an entry waits for its batch to fill (1s)
   * @param batchSizeBytes a batch is sent once its lines reach this size (1MB)
   */
  public record RemotePush(
      URI url,
      @Nullable String tenantId,
      HttpClientConfig.@Nullable BasicAuth basicAuth,
      Map<String, String> headers,
      long batchWaitMillis,
      long batchSizeBytes) {
    public RemotePush {
      Objects.requireNonNull(url, "url");
      headers = Map.copyOf(headers);
    }
  }
}
