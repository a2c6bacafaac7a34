package io.moraine.kube.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds fabric8 clients from {@link KubeClientOptions}, never from the environment. */
public final class KubeClients {
  private static final String BEARER = "Bearer ";

  private KubeClients() {}

  /**
   * A client for {@code options}; the caller owns it and closes it. Nothing is requested yet.
   *
   * @throws IOException when the kubeconfig file cannot be read or parsed
   */
  public static KubernetesClient create(KubeClientOptions options) throws IOException {
    return new KubernetesClientBuilder().withConfig(config(options)).build();
  }

  /** The fabric8 configuration for {@code options}, with fabric8's auto-configuration off. */
  static Config config(KubeClientOptions options) throws IOException {
    Path kubeconfig = options.kubeconfigFile();
    ConfigBuilder b;
    if (kubeconfig != null) {
      String text = Files.readString(kubeconfig);
      try {
        b = new ConfigBuilder(Config.fromKubeconfig(text));
      } catch (RuntimeException e) {
        throw new IOException("invalid kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
      }
    } else {
      String url = String.valueOf(options.apiServer());
      b = new ConfigBuilder(Config.empty()).withMasterUrl(url);
      // Over plain HTTP the JDK client would offer an h2c upgrade, which API servers do not speak
      // and which some HTTP stacks mishandle; TLS negotiates HTTP/2 by ALPN as usual.
      b.withHttp2Disable(url.startsWith("http://"));
      tls(b, options.tls());
      String auth = options.authorization();
      if (auth != null && auth.startsWith(BEARER)) {
        b.withOauthToken(auth.substring(BEARER.length()));
      } else if (auth != null) {
        b.withCustomHeaders(Map.of("Authorization", auth));
      }
    }
    return b.withUserAgent(options.userAgent()).withAutoConfigure(false).build();
  }

  private static void tls(ConfigBuilder b, KubeClientOptions.Tls tls) {
    if (tls.caFile() != null) {
      b.withCaCertFile(tls.caFile().toString());
    }
    if (tls.certFile() != null) {
      b.withClientCertFile(tls.certFile().toString());
    }
    if (tls.keyFile() != null) {
      b.withClientKeyFile(tls.keyFile().toString());
    }
    if (tls.insecureSkipVerify()) {
      b.withTrustCerts(true).withDisableHostnameVerification(true);
    }
  }
}
