package io.moraine.server.config;

import io.moraine.ingest.discovery.HttpDiscoveryOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * One {@code http_sd_configs} entry. The URL was checked at load with Prometheus's messages.
 *
 * @param url the endpoint
 * @param refreshInterval {@code refresh_interval}, 60s by default
 * @param httpClient authentication and TLS for the endpoint
 */
public record HttpSdConfig(String url, Duration refreshInterval, HttpClientConfig httpClient) {
  public HttpSdConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(httpClient, "httpClient");
  }

  /**
   * The discoverer's options, reading secret files now.
   *
   * @throws IOException when a secret file cannot be read
   */
  public HttpDiscoveryOptions options() throws IOException {
    return HttpDiscoveryOptions.of(url)
        .withRefreshInterval(refreshInterval)
        .withAuthorization(httpClient.authorizationHeader());
  }
}
