package io.moraine.server.config;

import io.moraine.ingest.relabel.RelabelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code alerting} section as Prometheus 2.42 does: {@code alert_relabel_configs} and
 * {@code alertmanagers} with their defaults and messages, each error at the offending node. The
 * discovery and HTTP client keys reuse the scrape config's binders. API v1 is refused (Alertmanager
 * 0.25 serves v2; Prometheus 3 dropped v1 with the same message).
 */
final class AlertingBinder {
  private static final List<String> API_VERSIONS = List.of("v2");

  private AlertingBinder() {}

  static AlertingConfig bind(Section top, Path baseDir, List<String> ignored) {
    Section s = top.section("alerting");
    List<RelabelConfig> alertRelabel =
        relabel(s, "alert_relabel_configs", "empty or null alert relabeling rule");
    List<YamlNode> items = s.items("alertmanagers");
    List<AlertmanagerConfig> sets = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = s.path() + ".alertmanagers[" + i + "]";
      YamlNode item = Section.deref(path, items.get(i));
      if (item == null || ScrapeConfigBinder.isNull(item)) {
        throw new YamlError(
            items.get(i).mark(), path + ": empty or null Alertmanager config section");
      }
      sets.add(one(Section.resolving(path, item), "config-" + i, baseDir, ignored));
    }
    s.rejectUnknown();
    return new AlertingConfig(alertRelabel, sets);
  }

  private static AlertmanagerConfig one(Section s, String name, Path baseDir, List<String> ig) {
    AlertmanagerConfig d = AlertmanagerConfig.DEFAULT;
    String scheme = s.rawString("scheme", d.scheme());
    String pathPrefix = s.rawString("path_prefix", d.pathPrefix());
    long timeout = s.duration("timeout", d.timeoutMillis());
    YamlNode versionNode = s.take("api_version");
    String version = s.rawString("api_version", d.apiVersion());
    boolean followRedirects = s.bool("follow_redirects", d.followRedirects());
    List<RelabelConfig> relabel =
        relabel(s, "relabel_configs", "empty or null Alertmanager target relabeling rule");
    ScrapeConfig.Discovery discovery = DiscoveryBinder.bind(s, baseDir, ig);
    HttpClientConfig http = HttpClientBinder.bind(s, baseDir, ig);
    // HttpClientBinder lists follow_redirects as not acted on; the notifier does act on it.
    ig.remove(s.path() + ".follow_redirects");
    s.rejectUnknown();
    if (versionNode != null && !API_VERSIONS.contains(version)) {
      throw s.error(
          "api_version",
          "expected Alertmanager api version to be one of ["
              + String.join(" ", API_VERSIONS)
              + "] but got "
              + version);
    }
    return new AlertmanagerConfig(
        name, scheme, pathPrefix, timeout, version, followRedirects, http, relabel, discovery);
  }

  private static List<RelabelConfig> relabel(Section s, String key, String nullMessage) {
    List<YamlNode> items = s.items(key);
    List<RelabelConfig> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = s.path() + "." + key + "[" + i + "]";
      if (ScrapeConfigBinder.isNull(items.get(i))) {
        throw new YamlError(items.get(i).mark(), path + ": " + nullMessage);
      }
      out.add(ScrapeConfigBinder.relabel(Section.resolving(path, items.get(i))));
    }
    return out;
  }
}
