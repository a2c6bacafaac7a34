package io.moraine.server.config;

import io.moraine.ingest.relabel.RelabelConfig;
import io.moraine.ingest.remotewrite.QueueConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code remote_write} entry, as in prometheus.yml (2.42), validated.
 *
 * @param url where samples are sent
 * @param name the queue's name: the configured {@code name}, or the first 6 hex digits of the
 *     SHA-256 of the URL when it has none
 * @param remoteTimeoutMillis the deadline of one request (default 30s)
 * @param headers extra request headers
 * @param writeRelabelConfigs {@code write_relabel_configs}
 * @param httpClient {@code basic_auth}, {@code authorization}, {@code tls_config}
 * @param queue {@code queue_config}, with Moraine's {@code max_disk_bytes}
 */
public record RemoteWriteConfig(
    URI url,
    String name,
    long remoteTimeoutMillis,
    Map<String, String> headers,
    List<RelabelConfig> writeRelabelConfigs,
    HttpClientConfig httpClient,
    QueueConfig queue) {
  public RemoteWriteConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(name, "name");
    headers = Map.copyOf(headers);
    writeRelabelConfigs = List.copyOf(writeRelabelConfigs);
    Objects.requireNonNull(httpClient, "httpClient");
    Objects.requireNonNull(queue, "queue");
  }
}
