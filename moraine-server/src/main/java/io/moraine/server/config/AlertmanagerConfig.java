package io.moraine.server.config;

import io.moraine.ingest.relabel.RelabelConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * One {@code alerting.alertmanagers} entry, as Prometheus 2.42 reads it: how to find a set of
 * Alertmanagers (service discovery and {@code relabel_configs} over {@code __address__}, {@code
 * __scheme__}, {@code __alerts_path__}) and how to talk to them. Immutable.
 *
 * @param name {@code config-<index>}, as Prometheus keys the sets
 * @param scheme {@code scheme}, {@code http} by default
 * @param pathPrefix {@code path_prefix}, "" by default
 * @param timeoutMillis {@code timeout}, 10 s by default
 * @param apiVersion {@code api_version}; only {@code v2}
 * @param followRedirects {@code follow_redirects}, true by default
 * @param httpClient authentication and TLS
 * @param relabelConfigs {@code relabel_configs}, applied to discovered Alertmanagers
 * @param discovery {@code static_configs}, {@code file_sd_configs}, {@code http_sd_configs}, {@code
 *     kubernetes_sd_configs}
 */
public record AlertmanagerConfig(
    String name,
    String scheme,
    String pathPrefix,
    long timeoutMillis,
    String apiVersion,
    boolean followRedirects,
    HttpClientConfig httpClient,
    List<RelabelConfig> relabelConfigs,
    ScrapeConfig.Discovery discovery) {
  /** Prometheus's {@code DefaultAlertmanagerConfig}, named {@code config-0}, no targets. */
  public static final AlertmanagerConfig DEFAULT =
      new AlertmanagerConfig(
          "config-0",
          "http",
          "",
          10_000,
          "v2",
          true,
          HttpClientConfig.DEFAULT,
          List.of(),
          ScrapeConfig.Discovery.DEFAULT);

  public AlertmanagerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(httpClient, "httpClient");
    relabelConfigs = List.copyOf(relabelConfigs);
    Objects.requireNonNull(discovery, "discovery");
  }

  /**
   * The push path, {@code __alerts_path__} before relabeling: Go's {@code path.Join("/",
   * path_prefix, "/api/<version>/alerts")}.
   */
  public String alertsPath() {
    return cleanPath("/" + pathPrefix + "/api/" + apiVersion + "/alerts");
  }

  /** Go's {@code path.Clean} for an absolute path. */
  static String cleanPath(String p) {
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(seg);
      }
    }
    return "/" + String.join("/", parts);
  }
}
