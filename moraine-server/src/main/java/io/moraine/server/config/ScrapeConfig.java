package io.moraine.server.config;

import io.moraine.ingest.discovery.FileDiscoveryOptions;
import io.moraine.ingest.discovery.StaticGroup;
import io.moraine.ingest.relabel.RelabelConfig;
import io.moraine.ingest.scrape.ScrapeOptions;
import io.moraine.ingest.scrape.TargetLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One job of {@code scrape_configs}, as Prometheus 2.42 reads it, with the global defaults already
 * applied (interval, timeout). Immutable; relabel rules are validated.
 *
 * @param jobName {@code job_name}, unique in the file
 * @param scrapeIntervalMillis {@code scrape_interval}, or the global one
 * @param scrapeTimeoutMillis {@code scrape_timeout}, or min(global timeout, interval); never above
 *     the interval
 * @param metricsPath {@code metrics_path}, {@code /metrics} by default
 * @param scheme {@code http} or {@code https}
 * @param params {@code params}: query parameters, each with one or more values
 * @param honorLabels {@code honor_labels}
 * @param honorTimestamps {@code honor_timestamps}, true by default
 * @param httpClient authentication and TLS
 * @param limits the sample, label, target and body size limits (0: none)
 * @param relabelConfigs {@code relabel_configs}, applied to discovered targets
 * @param metricRelabelConfigs {@code metric_relabel_configs}, applied to scraped samples
 * @param discovery where the job's targets come from
 */
public record ScrapeConfig(
    String jobName,
    long scrapeIntervalMillis,
    long scrapeTimeoutMillis,
    String metricsPath,
    String scheme,
    Map<String, List<String>> params,
    boolean honorLabels,
    boolean honorTimestamps,
    HttpClientConfig httpClient,
    Limits limits,
    List<RelabelConfig> relabelConfigs,
    List<RelabelConfig> metricRelabelConfigs,
    Discovery discovery) {
  /** Prometheus's scrape config defaults under the default global section; no job name. */
  public static final ScrapeConfig DEFAULT =
      new ScrapeConfig(
          "",
          GlobalConfig.DEFAULT.scrapeIntervalMillis(),
          GlobalConfig.DEFAULT.scrapeTimeoutMillis(),
          "/metrics",
          "http",
          Map.of(),
          false,
          true,
          HttpClientConfig.DEFAULT,
          Limits.DEFAULT,
          List.of(),
          List.of(),
          Discovery.DEFAULT);

  public ScrapeConfig {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(metricsPath, "metricsPath");
    Objects.requireNonNull(scheme, "scheme");
    Map<String, List<String>> p = new LinkedHashMap<>();
    params.forEach((k, v) -> p.put(k, List.copyOf(v)));
    params = java.util.Collections.unmodifiableMap(p);
    Objects.requireNonNull(httpClient, "httpClient");
    Objects.requireNonNull(limits, "limits");
    relabelConfigs = List.copyOf(relabelConfigs);
    metricRelabelConfigs = List.copyOf(metricRelabelConfigs);
    Objects.requireNonNull(discovery, "discovery");
  }

  /**
   * The per-job limits; 0 means none.
   *
   * @param sampleLimit {@code sample_limit}
   * @param labelLimit {@code label_limit}
   * @param labelNameLengthLimit {@code label_name_length_limit}
   * @param labelValueLengthLimit {@code label_value_length_limit}
   * @param targetLimit {@code target_limit}
   * @param bodySizeLimitBytes {@code body_size_limit} in bytes
   */
  public record Limits(
      long sampleLimit,
      long labelLimit,
      long labelNameLengthLimit,
      long labelValueLengthLimit,
      long targetLimit,
      long bodySizeLimitBytes) {
    /** No limits. */
    public static final Limits DEFAULT = new Limits(0, 0, 0, 0, 0, 0);
  }

  /**
   * The job's service discovery sections.
   *
   * @param staticConfigs {@code static_configs}
   * @param fileSdConfigs {@code file_sd_configs}, paths resolved against the file's directory
   * @param httpSdConfigs {@code http_sd_configs}
   * @param kubernetesSdConfigs {@code kubernetes_sd_configs}; parsed, not acted on yet
   */
  public record Discovery(
      List<StaticGroup> staticConfigs,
      List<FileDiscoveryOptions> fileSdConfigs,
      List<HttpSdConfig> httpSdConfigs,
      List<KubernetesSdConfig> kubernetesSdConfigs) {
    /** No targets. */
    public static final Discovery DEFAULT =
        new Discovery(List.of(), List.of(), List.of(), List.of());

    public Discovery {
      staticConfigs = List.copyOf(staticConfigs);
      fileSdConfigs = List.copyOf(fileSdConfigs);
      httpSdConfigs = List.copyOf(httpSdConfigs);
      kubernetesSdConfigs = List.copyOf(kubernetesSdConfigs);
    }
  }

  /** This job with {@code d} as its service discovery. */
  public ScrapeConfig withDiscovery(Discovery d) {
    return new ScrapeConfig(
        jobName,
        scrapeIntervalMillis,
        scrapeTimeoutMillis,
        metricsPath,
        scheme,
        params,
        honorLabels,
        honorTimestamps,
        httpClient,
        limits,
        relabelConfigs,
        metricRelabelConfigs,
        d);
  }

  /** What target labelling needs: job name, interval, timeout, path, scheme, first params. */
  public TargetLabels.JobDefaults jobDefaults() {
    Map<String, String> first = new LinkedHashMap<>();
    params.forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.getFirst()));
    return new TargetLabels.JobDefaults(
        jobName, scrapeIntervalMillis, scrapeTimeoutMillis, metricsPath, scheme, first);
  }

  /** How scraped samples are stored; limits above {@link Integer#MAX_VALUE} saturate. */
  public ScrapeOptions scrapeOptions() {
    return new ScrapeOptions(
        honorLabels,
        honorTimestamps,
        saturate(limits.sampleLimit()),
        saturate(limits.labelLimit()),
        saturate(limits.labelNameLengthLimit()),
        saturate(limits.labelValueLengthLimit()));
  }

  private static int saturate(long v) {
    return (int) Math.min(v, Integer.MAX_VALUE);
  }
}
