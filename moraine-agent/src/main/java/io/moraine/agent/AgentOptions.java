package io.moraine.agent;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.energy.PowerModel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything the agent needs; the server's command line builds it (only moraine-server reads flags
 * and environment).
 *
 * @param listen where the HTTP server listens (default {@code :9701})
 * @param paths the procfs, sysfs and rootfs roots
 * @param switches collector name to on/off, overriding {@link Catalog}'s defaults
 * @param nodeName the node's name (labels logs, GPU {@code Hostname})
 * @param kubernetes where pod metadata comes from, or null for no pod labels
 * @param powerModel the power model used where RAPL is unavailable
 * @param nvmlLibrary NVML's path, or null to search the usual places
 * @param logs the log shipper's settings, or null when no push URL is given
 * @param warmupRounds how many times the agent scrapes itself over loopback at start-up, before it
 *     reports itself started, so the scrape path is compiled before real scrapes come (0: none)
 */
public record AgentOptions(
    InetSocketAddress listen,
    HostPaths paths,
    Map<String, Boolean> switches,
    String nodeName,
    @Nullable Kubernetes kubernetes,
    PowerModel powerModel,
    @Nullable Path nvmlLibrary,
    @Nullable Logs logs,
    int warmupRounds) {
  public AgentOptions {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(paths, "paths");
    switches = Map.copyOf(switches);
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(powerModel, "powerModel");
    if (warmupRounds < 0) {
      throw new IllegalArgumentException("warm-up rounds must be >= 0, got " + warmupRounds);
    }
    for (String name : switches.keySet()) {
      if (Catalog.find(name) == null) {
        throw new IllegalArgumentException(
            "unknown collector \""
                + name
                + "\" (known: "
                + String.join(", ", Catalog.names())
                + ")");
      }
    }
  }

  /**
   * Where the pod list comes from: the kubelet's {@code /pods} or the API server's pods of this
   * node.
   *
   * @param podsUrl the URL returning a PodList
   * @param tokenFile a bearer token file (the service account's), or null
   * @param caFile a PEM CA bundle for the URL, or null for the JDK's trust store
   * @param insecure skip TLS certificate checks
   */
  public record Kubernetes(
      URI podsUrl, @Nullable Path tokenFile, @Nullable Path caFile, boolean insecure) {
    public Kubernetes {
      Objects.requireNonNull(podsUrl, "podsUrl");
    }
  }

  /**
   * The log shipper's settings.
   *
   * @param pushUrl the Loki push URL ({@code http://server:9700/loki/api/v1/push})
   * @param tenant the {@code X-Scope-OrgID} to send, or empty for none
   * @param dataDir where positions and the spool live
   */
  public record Logs(URI pushUrl, String tenant, Path dataDir) {
    public Logs {
      Objects.requireNonNull(pushUrl, "pushUrl");
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(dataDir, "dataDir");
    }
  }

  /** Whether a collector runs: its switch, else its default. */
  public boolean enabled(String collector) {
    Boolean on = switches.get(collector);
    if (on != null) {
      return on;
    }
    Catalog.Entry e = Catalog.find(collector);
    return e != null && e.enabledByDefault();
  }
}
