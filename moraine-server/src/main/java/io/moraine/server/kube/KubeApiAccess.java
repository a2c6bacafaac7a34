package io.moraine.server.kube;

import io.moraine.kube.client.KubeClientOptions;
import io.moraine.server.config.HttpClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link KubeClientOptions} from configuration as Prometheus 2.42 does for {@code
 * kubernetes_sd_configs}: an explicit {@code api_server} with the HTTP client settings, a
 * kubeconfig file, or else the pod's in-cluster settings (the {@code
 * KUBERNETES_SERVICE_HOST}/{@code _PORT} environment and the service account's token and CA files).
 * Stateless.
 */
public final class KubeApiAccess {
  private KubeApiAccess() {}

  /**
   * The client options for one API server.
   *
   * @param apiServer the configured {@code api_server}, or null
   * @param kubeconfigFile the configured {@code kubeconfig_file}, or null
   * @param http authentication and TLS towards {@code apiServer} (ignored otherwise)
   * @param userAgent the {@code User-Agent} of every request
   * @param env the process environment (for the in-cluster case)
   * @throws IOException when a credentials file cannot be read, or no source is configured and the
   *     process does not run in a pod
   * @throws IllegalArgumentException for an invalid {@code api_server} URL
   */
  public static KubeClientOptions clientOptions(
      @Nullable String apiServer,
      @Nullable Path kubeconfigFile,
      HttpClientConfig http,
      String userAgent,
      Map<String, String> env)
      throws IOException {
    if (kubeconfigFile != null) {
      return KubeClientOptions.kubeconfig(kubeconfigFile, userAgent);
    }
    if (apiServer != null) {
      HttpClientConfig.TlsConfig t = http.tls();
      return KubeClientOptions.apiServer(apiServer, userAgent)
          .withAuthorization(http.authorizationHeader())
          .withTls(
              new KubeClientOptions.Tls(
                  t.caFile(), t.certFile(), t.keyFile(), t.insecureSkipVerify()));
    }
    return inCluster(env, userAgent);
  }

  /** Whether {@link #clientOptions} takes the in-cluster settings for these values. */
  public static boolean isInCluster(@Nullable String apiServer, @Nullable Path kubeconfigFile) {
    return apiServer == null && kubeconfigFile == null;
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

  /**
   * The namespace of the pod this process runs in (the service account's {@code namespace} file).
   *
   * @throws IOException when the file cannot be read or is empty
   */
  public static String ownNamespace() throws IOException {
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
