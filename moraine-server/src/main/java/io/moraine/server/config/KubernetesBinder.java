package io.moraine.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Moraine's {@code kubernetes} section (see {@link KubernetesConfig}); strict keys. */
final class KubernetesBinder {
  private KubernetesBinder() {}

  static KubernetesConfig bind(Section top, Path baseDir) {
    if (!top.has("kubernetes")) {
      return KubernetesConfig.DEFAULT;
    }
    Section k = top.section("kubernetes");
    KubernetesConfig d = KubernetesConfig.DEFAULT;
    boolean enabled = k.bool("enabled", true);
    String apiServer = k.string("api_server");
    Path kubeconfig = HttpClientBinder.path(k, "kubeconfig_file", baseDir);
    HttpClientConfig client = HttpClientBinder.bind(k, baseDir, new ArrayList<>());
    List<String> namespaces = k.strings("namespaces");
    String site = k.string("site");
    long resync = k.duration("resync_interval", 600_000);
    Section ksm = k.section("kube_state_metrics");
    boolean ksmEnabled = ksm.bool("enabled", d.kubeStateMetrics());
    long ksmInterval = ksm.duration("interval", d.kubeStateIntervalMillis());
    ksm.rejectUnknown();
    k.rejectUnknown();
    if (apiServer != null && kubeconfig != null) {
      throw k.error(
          "kubeconfig_file", "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
    }
    if (apiServer == null && !client.equals(HttpClientConfig.DEFAULT)) {
      throw k.error(
          "api_server",
          "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
    }
    if (ksmInterval <= 0) {
      throw ksm.error("interval", "interval must be greater than 0");
    }
    if (site != null && site.isBlank()) {
      throw k.error("site", "site must not be empty");
    }
    return new KubernetesConfig(
        enabled, apiServer, kubeconfig, client, namespaces, site, resync, ksmEnabled, ksmInterval);
  }
}
