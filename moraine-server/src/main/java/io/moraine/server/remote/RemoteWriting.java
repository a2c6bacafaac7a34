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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** The running remotes' configs and the external labels they add; guarded by this. */
  private List<RemoteWriteConfig> running;

  private Labels runningExternalLabels;

  private RemoteWriting(
      RemoteWrite remote, List<RemoteWriteConfig> configs, Labels externalLabels) {
    this.remote = remote;
    this.running = List.copyOf(configs);
    this.runningExternalLabels = externalLabels;
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
      try {
        targets.add(target(c, externalLabels));
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      logEnabled(c);
    }
    return new RemoteWriting(
        RemoteWrite.start(targets, dataDir, "Moraine/" + version, registry, clock),
        configs,
        externalLabels);
  }

  /**
   * Resolves {@code configs} (secret and TLS files read now, relabel rules compiled) without
   * changing anything; {@link Pending#apply} then swaps them in. Between the two no other reload
   * may run.
   *
   * @throws IOException naming the remote when a secret or TLS file cannot be read; nothing changed
   */
  public synchronized Pending prepare(List<RemoteWriteConfig> configs, Labels externalLabels)
      throws IOException {
    List<RemoteWriteTarget> targets = new ArrayList<>();
    Set<String> unchanged = new HashSet<>();
    for (RemoteWriteConfig c : configs) {
      targets.add(target(c, externalLabels));
      if (running.contains(c) && runningExternalLabels.equals(externalLabels)) {
        unchanged.add(c.name());
      }
    }
    return new Pending(List.copyOf(configs), externalLabels, targets, unchanged);
  }

  /** Remotes resolved by {@link #prepare}, to be applied once (or dropped: nothing to release). */
  public final class Pending {
    private final List<RemoteWriteConfig> configs;
    private final Labels externalLabels;
    private final List<RemoteWriteTarget> targets;
    private final Set<String> unchanged;

    private Pending(
        List<RemoteWriteConfig> configs,
        Labels externalLabels,
        List<RemoteWriteTarget> targets,
        Set<String> unchanged) {
      this.configs = configs;
      this.externalLabels = externalLabels;
      this.targets = targets;
      this.unchanged = unchanged;
    }

    /**
     * Swaps the remotes in: unchanged ones keep their queue and position, changed ones restart on
     * their queue, removed ones stop, new ones start.
     *
     * @throws UncheckedIOException when a new queue directory cannot be used
     */
    public void apply() {
      synchronized (RemoteWriting.this) {
        remote.apply(targets, unchanged);
        for (RemoteWriteConfig c : configs) {
          if (!unchanged.contains(c.name())) {
            logEnabled(c);
          }
        }
        running = configs;
        runningExternalLabels = externalLabels;
      }
    }
  }

  private static void logEnabled(RemoteWriteConfig c) {
    LOG.atInfo()
        .addKeyValue("remote_name", c.name())
        .addKeyValue("url", c.url())
        .log("remote write enabled");
  }

  private static RemoteWriteTarget target(RemoteWriteConfig c, Labels externalLabels)
      throws IOException {
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
      throw new IOException(
          "remote_write " + c.name() + ": cannot read a credentials or TLS file: " + e.getMessage(),
          e);
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
