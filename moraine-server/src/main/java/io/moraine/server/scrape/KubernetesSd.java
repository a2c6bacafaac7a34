package io.moraine.server.scrape;

import io.moraine.core.discovery.Discoverer;
import io.moraine.kube.client.KubeClientOptions;
import io.moraine.kube.client.ResourceSelector;
import io.moraine.kube.discovery.KubernetesDiscoverer;
import io.moraine.kube.discovery.KubernetesDiscoveryMetrics;
import io.moraine.kube.discovery.KubernetesDiscoveryOptions;
import io.moraine.kube.discovery.Role;
import io.moraine.server.config.KubernetesSdConfig;
import io.moraine.server.kube.KubeApiAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code kubernetes_sd_configs} entry into a {@link KubernetesDiscoverer}: an explicit
 * {@code api_server} with the entry's HTTP client settings, a kubeconfig file, or else the pod's
 * in-cluster settings (the {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} environment and the
 * service account's token, CA and namespace files), as Prometheus 2.42.
 */
final class KubernetesSd {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSd.class);

  private KubernetesSd() {}

  /**
   * The discoverer for {@code c}, or null (logged) when it cannot be created, as Prometheus goes on
   * without a provider it cannot create.
   */
  static @Nullable Discoverer create(
      KubernetesSdConfig c, String job, String version, KubernetesDiscoveryMetrics metrics) {
    try {
      return new KubernetesDiscoverer(options(c, version, System.getenv()), metrics);
    } catch (IOException | IllegalArgumentException e) {
      LOG.atError()
          .addKeyValue("job", job)
          .addKeyValue("role", c.role())
          .addKeyValue("err", e.getMessage())
          .log("Cannot create Kubernetes service discovery");
      return null;
    }
  }

  static KubernetesDiscoveryOptions options(
      KubernetesSdConfig c, String version, Map<String, String> env) throws IOException {
    Role role = Role.of(c.role());
    List<String> namespaces = new ArrayList<>(c.namespaces());
    KubeClientOptions client =
        KubeApiAccess.clientOptions(
            c.apiServer(), c.kubeconfigFile(), c.httpClient(), "Moraine/" + version, env);
    if (KubeApiAccess.isInCluster(c.apiServer(), c.kubeconfigFile()) && c.ownNamespace()) {
      namespaces.add(KubeApiAccess.ownNamespace());
    }
    Map<Role, ResourceSelector> selectors = new EnumMap<>(Role.class);
    for (KubernetesSdConfig.Selector s : c.selectors()) {
      selectors.put(Role.of(s.role()), new ResourceSelector(s.label(), s.field()));
    }
    return new KubernetesDiscoveryOptions(
        role, namespaces, selectors, client, Duration.ZERO, c.attachNodeMetadata());
  }
}
