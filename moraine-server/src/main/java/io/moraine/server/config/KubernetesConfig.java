package io.moraine.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Moraine's {@code kubernetes} section: the site's own Kubernetes API, watched for the workload
 * knowledge graph and the kube-state metrics. Absent: nothing is watched. Present without {@code
 * api_server} or {@code kubeconfig_file}: the in-cluster service account.
 *
 * @param enabled whether to watch at all (the section's presence, unless {@code enabled: false})
 * @param apiServer the API server URL, or null
 * @param kubeconfigFile a kubeconfig, resolved against the file's directory, or null
 * @param httpClient authentication and TLS towards {@code api_server}
 * @param namespaces the namespaces to watch; empty for all
 * @param site the site's name, or null to take kubeadm-config's clusterName, else the API host
 * @param resyncMillis how often every object is re-told to the graph (0: never)
 * @param kubeStateMetrics whether the kube-state metrics are appended to the store
 * @param kubeStateIntervalMillis how often they are appended
 */
public record KubernetesConfig(
    boolean enabled,
    @Nullable String apiServer,
    @Nullable Path kubeconfigFile,
    HttpClientConfig httpClient,
    List<String> namespaces,
    @Nullable String site,
    long resyncMillis,
    boolean kubeStateMetrics,
    long kubeStateIntervalMillis) {
  /** No section: nothing watched. */
  public static final KubernetesConfig DEFAULT =
      new KubernetesConfig(
          false, null, null, HttpClientConfig.DEFAULT, List.of(), null, 0, true, 30_000);

  public KubernetesConfig {
    Objects.requireNonNull(httpClient, "httpClient");
    namespaces = List.copyOf(namespaces);
  }
}
