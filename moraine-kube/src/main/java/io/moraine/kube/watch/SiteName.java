package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.moraine.kube.model.SiteInfo;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's name: the configured one, else the {@code clusterName} of kubeadm's {@code
 * ClusterConfiguration} (ConfigMap {@code kube-system/kubeadm-config}), else the API server's host.
 */
final class SiteName {
  private static final Logger LOG = LoggerFactory.getLogger(SiteName.class);
  private static final String KEY = "clusterName:";

  private SiteName() {}

  /** Resolves the name, reading kubeadm-config only when none is configured. */
  static SiteInfo resolve(KubernetesClient client, @Nullable String configured) {
    String apiServer = String.valueOf(client.getMasterUrl());
    if (configured != null && !configured.isBlank()) {
      return new SiteInfo(configured, "config", apiServer);
    }
    String fromKubeadm = "";
    try {
      ConfigMap cm =
          client.configMaps().inNamespace("kube-system").withName("kubeadm-config").get();
      String yaml =
          cm == null || cm.getData() == null ? null : cm.getData().get("ClusterConfiguration");
      fromKubeadm = yaml == null ? "" : clusterName(yaml);
    } catch (KubernetesClientException e) {
      LOG.atInfo()
          .addKeyValue("code", e.getCode())
          .addKeyValue("err", e.getMessage())
          .log("cannot read kube-system/kubeadm-config; naming the site after the API server");
    }
    if (!fromKubeadm.isEmpty()) {
      return new SiteInfo(fromKubeadm, "kubeadm-config", apiServer);
    }
    return new SiteInfo(host(apiServer), "api-server", apiServer);
  }

  /**
   * The top-level {@code clusterName} of a kubeadm {@code ClusterConfiguration} YAML document
   * (plain, single- or double-quoted scalar, trailing comment dropped), or "" when absent.
   */
  static String clusterName(String yaml) {
    for (String line : yaml.split("\r?\n")) {
      if (!line.startsWith(KEY)) {
        continue;
      }
      String v = line.substring(KEY.length()).strip();
      if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
        int close = v.indexOf(v.charAt(0), 1);
        return close < 0 ? v.substring(1) : v.substring(1, close);
      }
      int comment = v.indexOf(" #");
      return (comment < 0 ? v : v.substring(0, comment)).strip();
    }
    return "";
  }

  private static String host(String url) {
    try {
      String h = new URI(url).getHost();
      return h == null ? url : h;
    } catch (URISyntaxException e) {
      return url;
    }
  }
}
