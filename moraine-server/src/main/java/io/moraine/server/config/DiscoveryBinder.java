package io.moraine.server.config;

import static io.moraine.server.config.ScrapeConfigBinder.quote;

import io.moraine.ingest.discovery.FileDiscoveryOptions;
import io.moraine.ingest.discovery.HttpDiscoveryOptions;
import io.moraine.ingest.discovery.StaticGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scrape config's service discovery sections ({@code static_configs}, {@code
 * file_sd_configs}, {@code http_sd_configs}, {@code kubernetes_sd_configs}) with Prometheus 2.42's
 * defaults and messages. Other Prometheus mechanisms are accepted and listed as ignored.
 */
final class DiscoveryBinder {
  /** Prometheus 2.42's other discovery mechanisms: accepted, not acted on. */
  private static final String[] NOT_YET_USED = {
    "azure_sd_configs", "consul_sd_configs", "digitalocean_sd_configs", "docker_sd_configs",
    "dockerswarm_sd_configs", "dns_sd_configs", "ec2_sd_configs", "eureka_sd_configs",
    "gce_sd_configs", "hetzner_sd_configs", "ionos_sd_configs", "kuma_sd_configs",
    "lightsail_sd_configs", "linode_sd_configs", "marathon_sd_configs", "nerve_sd_configs",
    "nomad_sd_configs", "openstack_sd_configs", "ovhcloud_sd_configs", "puppetdb_sd_configs",
    "scaleway_sd_configs", "serverset_sd_configs", "triton_sd_configs", "uyuni_sd_configs",
    "vultr_sd_configs",
  };

  private static final Map<String, List<String>> ALLOWED_SELECTORS =
      Map.of(
          "pod", List.of("pod"),
          "service", List.of("service"),
          "endpointslice", List.of("pod", "service", "endpointslice"),
          "endpoints", List.of("pod", "service", "endpoints"),
          "node", List.of("node"),
          "ingress", List.of("ingress"));

  private DiscoveryBinder() {}

  static ScrapeConfig.Discovery bind(Section s, Path baseDir, List<String> ignored) {
    List<StaticGroup> statics = new ArrayList<>();
    for (Section g : s.sections("static_configs")) {
      statics.add(staticGroup(g));
    }
    List<FileDiscoveryOptions> files = new ArrayList<>();
    for (Section f : s.sections("file_sd_configs")) {
      files.add(file(f, baseDir));
    }
    List<HttpSdConfig> https = new ArrayList<>();
    for (Section h : s.sections("http_sd_configs")) {
      https.add(http(h, baseDir, ignored));
    }
    List<KubernetesSdConfig> kubes = new ArrayList<>();
    for (Section k : s.sections("kubernetes_sd_configs")) {
      kubes.add(kubernetes(k, baseDir, ignored));
    }
    ignored.addAll(s.ignore(NOT_YET_USED));
    return new ScrapeConfig.Discovery(statics, files, https, kubes);
  }

  private static StaticGroup staticGroup(Section g) {
    List<String> targets = g.strings("targets");
    Section l = g.section("labels");
    Map<String, String> labels = new LinkedHashMap<>();
    for (YamlNode.Entry e : l.entries()) {
      labels.put(e.key(), l.rawString(e.key(), ""));
    }
    g.rejectUnknown();
    try {
      return new StaticGroup(targets, labels);
    } catch (IllegalArgumentException e) {
      String msg = String.valueOf(e.getMessage());
      throw g.error(msg.contains("hostname") ? "targets" : "labels", msg);
    }
  }

  private static FileDiscoveryOptions file(Section f, Path baseDir) {
    List<String> names = f.strings("files");
    long refresh =
        f.duration("refresh_interval", FileDiscoveryOptions.DEFAULT_REFRESH_INTERVAL.toMillis());
    f.rejectUnknown();
    try {
      new FileDiscoveryOptions(names, Duration.ofMillis(refresh));
      List<String> joined = new ArrayList<>();
      for (String n : names) {
        joined.add(baseDir.resolve(n).normalize().toString());
      }
      return new FileDiscoveryOptions(joined, Duration.ofMillis(refresh));
    } catch (IllegalArgumentException e) {
      String msg = String.valueOf(e.getMessage());
      throw f.error(msg.contains("refresh_interval") ? "refresh_interval" : "files", msg);
    }
  }

  private static HttpSdConfig http(Section h, Path baseDir, List<String> ignored) {
    String url = h.rawString("url", "");
    long refresh =
        h.duration("refresh_interval", HttpDiscoveryOptions.DEFAULT_REFRESH_INTERVAL.toMillis());
    HttpClientConfig client = HttpClientBinder.bind(h, baseDir, ignored);
    h.rejectUnknown();
    try {
      HttpDiscoveryOptions.of(url).withRefreshInterval(Duration.ofMillis(refresh));
    } catch (IllegalArgumentException e) {
      String msg = String.valueOf(e.getMessage());
      throw h.error(msg.contains("refresh_interval") ? "refresh_interval" : "url", msg);
    }
    return new HttpSdConfig(url, Duration.ofMillis(refresh), client);
  }

  private static KubernetesSdConfig kubernetes(Section k, Path baseDir, List<String> ignored) {
    String role = k.rawString("role", "");
    Section ns = k.section("namespaces");
    List<String> names = ns.strings("names");
    boolean ownNamespace = ns.bool("own_namespace", false);
    ns.rejectUnknown();
    List<KubernetesSdConfig.Selector> selectors = new ArrayList<>();
    for (Section sel : k.sections("selectors")) {
      String r = role(sel, sel.rawString("role", ""));
      selectors.add(
          new KubernetesSdConfig.Selector(
              r, sel.rawString("label", ""), sel.rawString("field", "")));
      sel.rejectUnknown();
    }
    String apiServer = k.string("api_server");
    Path kubeconfig = HttpClientBinder.path(k, "kubeconfig_file", baseDir);
    HttpClientConfig client = HttpClientBinder.bind(k, baseDir, ignored);
    Section attach = k.section("attach_metadata");
    boolean attachNode = attach.bool("node", false);
    attach.rejectUnknown();
    k.rejectUnknown();
    if (role.isEmpty()) {
      throw k.error(
          "role", "role missing (one of: pod, service, endpoints, endpointslice, node, ingress)");
    }
    role(k, role);
    if (apiServer != null && kubeconfig != null) {
      throw k.error(
          "kubeconfig_file", "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
    }
    if (kubeconfig != null && !client.equals(HttpClientConfig.DEFAULT)) {
      throw k.error(
          "kubeconfig_file",
          "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
    }
    if (apiServer == null && !client.equals(HttpClientConfig.DEFAULT)) {
      throw k.error(
          "role",
          "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
    }
    if (ownNamespace && apiServer != null) {
      throw ns.error(
          "own_namespace", "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
    }
    if (ownNamespace && kubeconfig != null) {
      throw ns.error(
          "own_namespace",
          "cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
    }
    checkSelectors(k, role, selectors);
    return new KubernetesSdConfig(
        role, names, ownNamespace, selectors, apiServer, kubeconfig, client, attachNode);
  }

  private static String role(Section s, String role) {
    if (!role.isEmpty() && !KubernetesSdConfig.ROLES.contains(role)) {
      throw s.error("role", "unknown Kubernetes SD role " + quote(role));
    }
    return role;
  }

  private static void checkSelectors(
      Section k, String role, List<KubernetesSdConfig.Selector> selectors) {
    Set<String> seen = new HashSet<>();
    List<String> allowed = ALLOWED_SELECTORS.getOrDefault(role, List.of());
    for (KubernetesSdConfig.Selector sel : selectors) {
      if (!seen.add(sel.role())) {
        throw k.error("selectors", "duplicated selector role: " + sel.role());
      }
      if (!allowed.contains(sel.role())) {
        throw k.error(
            "selectors", role + " role supports only " + String.join(", ", allowed) + " selectors");
      }
    }
  }
}
