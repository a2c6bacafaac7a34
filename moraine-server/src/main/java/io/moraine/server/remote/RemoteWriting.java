package io.moraine.server.remote;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.ingest.relabel.Relabeler;
import io.moraine.ingest.remotewrite.RemoteWrite;
import io.moraine.ingest.remotewrite.RemoteWriteTarget;
import io.moraine.server.config.RemoteWriteConfig;
import io.moraine.server.tls.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's remote-write sending: started before the store opens (so that what an earlier run
 * left on disk is sent at once), wrapped around the store when it opens, closed before it closes.
 * Thread-safe.
 */
public final class RemoteWriting implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriting.class);

  /** How long shutdown waits for queued samples to be sent; the rest stays on disk. */
  public static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

  private final RemoteWrite remote;

  private RemoteWriting(RemoteWrite remote) {
    this.remote = remote;
  }

  /**
   * Resolves {@code configs} and starts a sender for each, with queues under {@code dataDir}.
   *
   * @throws UncheckedIOException when a secret or CA file cannot be read or a queue cannot open
   */
  public static RemoteWriting start(
      List<RemoteWriteConfig> configs,
      Path dataDir,
      Labels externalLabels,
      String version,
      MetricRegistry registry,
      Clock clock) {
    List<RemoteWriteTarget> targets = new ArrayList<>();
    for (RemoteWriteConfig c : configs) {
      targets.add(target(c, externalLabels));
      LOG.atInfo()
          .addKeyValue("remote_name", c.name())
          .addKeyValue("url", c.url())
          .log("remote write enabled");
    }
    return new RemoteWriting(
        RemoteWrite.start(targets, dataDir, "Moraine/" + version, registry, clock));
  }

  private static RemoteWriteTarget target(RemoteWriteConfig c, Labels externalLabels) {
    Map<String, String> headers = new LinkedHashMap<>(c.headers());
    try {
      String auth = c.httpClient().authorizationHeader();
      if (auth != null) {
        headers.put("Authorization", auth);
      }
      return new RemoteWriteTarget(
          c.name(),
          c.url(),
          Duration.ofMillis(c.remoteTimeoutMillis()),
          headers,
          Relabeler.of(c.writeRelabelConfigs()),
          externalLabels,
          c.queue(),
          TlsContexts.of(c.httpClient().tls()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "remote_write " + c.name() + ": cannot read a credentials or TLS file", e);
    }
  }

  /** {@code store} with every append forwarded to the remotes after its commit. */
  public Storage tee(Storage store) {
    return remote.tee(store);
  }

  /** Sends what it can within {@link #SHUTDOWN_DEADLINE}; the rest stays on disk. */
  @Override
  public void close() {
    remote.close(SHUTDOWN_DEADLINE);
  }
}
