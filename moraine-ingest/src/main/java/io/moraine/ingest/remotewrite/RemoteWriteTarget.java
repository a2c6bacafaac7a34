package io.moraine.ingest.remotewrite;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.relabel.Relabeler;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * One {@code remote_write} destination, resolved: the server has read the config, secrets and TLS.
 *
 * @param name the queue's name ({@code remote_name} label; the config's {@code name} or a hash)
 * @param url where requests are POSTed
 * @param remoteTimeout the deadline of one request
 * @param headers extra request headers, {@code Authorization} included when configured
 * @param writeRelabel {@code write_relabel_configs}, applied after the external labels
 * @param externalLabels labels added to every series that lacks them
 * @param queue the {@code queue_config}
 * @param tls the TLS context for {@code https} URLs ({@code tls_config}), or null for the JDK's
 *     default
 */
public record RemoteWriteTarget(
    String name,
    URI url,
    Duration remoteTimeout,
    Map<String, String> headers,
    Relabeler writeRelabel,
    Labels externalLabels,
    QueueConfig queue,
    @Nullable SSLContext tls) {
  public RemoteWriteTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(remoteTimeout, "remoteTimeout");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(writeRelabel, "writeRelabel");
    Objects.requireNonNull(externalLabels, "externalLabels");
    Objects.requireNonNull(queue, "queue");
  }
}
