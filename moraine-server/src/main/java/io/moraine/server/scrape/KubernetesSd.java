package io.moraine.server.scrape;

import io.moraine.core.discovery.Discoverer;
import io.moraine.kube.client.KubeClientOptions;
import io.moraine.kube.client.ResourceSelector;
import io.moraine.kube.discovery.KubernetesDiscoverer;
import io.moraine.kube.discovery.KubernetesDiscoveryMetrics;
import io.moraine.kube.discovery.KubernetesDiscoveryOptions;
import io.moraine.kube.discovery.Role;
import io.moraine.server.config.HttpClientConfig;
import io.moraine.server.config.KubernetesSdConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    String userAgent = "Moraine/" + version;
    List<String> namespaces = new ArrayList<>(c.namespaces());
    KubeClientOptions client;
    if (c.kubeconfigFile() != null) {
      client = KubeClientOptions.kubeconfig(c.kubeconfigFile(), userAgent);
    } else if (c.apiServer() != null) {
      HttpClientConfig h = c.httpClient();
      HttpClientConfig.TlsConfig t = h.tls();
      client =
          KubeClientOptions.apiServer(c.apiServer(), userAgent)
              .withAuthorization(h.authorizationHeader())
              .withTls(
                  new KubeClientOptions.Tls(
                      t.caFile(), t.certFile(), t.keyFile(), t.insecureSkipVerify()));
    } else {
      client = inCluster(env, userAgent);
      if (c.ownNamespace()) {
        namespaces.add(ownNamespace());
      }
    }
    Map<Role, ResourceSelector> selectors = new EnumMap<>(Role.class);
    for (KubernetesSdConfig.Selector s : c.selectors()) {
      selectors.put(Role.of(s.role()), new ResourceSelector(s.label(), s.field()));
    }
    return new KubernetesDiscoveryOptions(role, namespaces, selectors, client, Duration.ZERO);
  }

  private static KubeClientOptions inCluster(Map<String, String> env, String userAgent)
      throws IOException {
    String host = env.getOrDefault("KUBERNETES_SERVICE_HOST", "");
    String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "");
    if (host.isEmpty() || port.isEmpty()) {
      throw new IOException(
          "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and"
              + " KUBERNETES_SERVICE_PORT must be defined");
    }
    Path dir = KubeClientOptions.SERVICE_ACCOUNT_DIR;
    String token = Files.readString(dir.resolve("token")).strip();
    String hostPort = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    return KubeClientOptions.apiServer("https://" + hostPort, userAgent)
        .withAuthorization("Bearer " + token)
        .withTls(new KubeClientOptions.Tls(dir.resolve("ca.crt"), null, null, false));
  }

  private static String ownNamespace() throws IOException {
    Path file = KubeClientOptions.SERVICE_ACCOUNT_DIR.resolve("namespace");
    String ns;
    try {
      ns = Files.readString(file);
    } catch (IOException e) {
      throw new IOException("could not determine the pod's namespace: " + e.getMessage(), e);
    }
    if (ns.isEmpty()) {
      throw new IOException("could not read own namespace name (empty file)");
    }
    return ns;
  }
}
