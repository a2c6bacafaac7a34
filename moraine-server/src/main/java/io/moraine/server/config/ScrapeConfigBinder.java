package io.moraine.server.config;

import io.moraine.core.labels.LabelValidation;
import io.moraine.ingest.relabel.InvalidRelabelConfigException;
import io.moraine.ingest.relabel.RelabelAction;
import io.moraine.ingest.relabel.RelabelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code scrape_configs} as Prometheus 2.42 does: its defaults, its checks in its order, its
 * messages, each error at the offending node. Aliases are followed, as in prometheus.yml.
 */
final class ScrapeConfigBinder {
  private ScrapeConfigBinder() {}

  /** Reads every job under {@code top}'s {@code scrape_configs}. */
  static List<ScrapeConfig> bind(
      Section top, GlobalConfig global, Path baseDir, List<String> ignored) {
    List<YamlNode> items = top.items("scrape_configs");
    List<ScrapeConfig> jobs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "scrape_configs[" + i + "]";
      YamlNode item = Section.deref(path, items.get(i));
      if (item == null || isNull(item)) {
        throw new YamlError(items.get(i).mark(), path + ": empty or null scrape config section");
      }
      Section s = Section.resolving(path, item);
      ScrapeConfig job = job(s, global, baseDir, ignored);
      if (!names.add(job.jobName())) {
        throw s.error(
            "job_name", "found multiple scrape configs with job name " + quote(job.jobName()));
      }
      jobs.add(job);
    }
    return jobs;
  }

  private static ScrapeConfig job(Section s, GlobalConfig global, Path baseDir, List<String> ig) {
    String jobName = s.rawString("job_name", "");
    long interval = s.duration("scrape_interval", 0);
    long timeout = s.duration("scrape_timeout", 0);
    String metricsPath = s.rawString("metrics_path", ScrapeConfig.DEFAULT.metricsPath());
    String scheme = s.rawString("scheme", ScrapeConfig.DEFAULT.scheme());
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw s.error("scheme", "unsupported scheme " + quote(scheme) + " (use http or https)");
    }
    Map<String, List<String>> params = params(s.section("params"));
    boolean honorLabels = s.bool("honor_labels", false);
    boolean honorTimestamps = s.bool("honor_timestamps", true);
    ScrapeConfig.Limits limits = limits(s);
    List<RelabelConfig> relabel = relabelRules(s, "relabel_configs", "target");
    List<RelabelConfig> metricRelabel = relabelRules(s, "metric_relabel_configs", "metric");
    ScrapeConfig.Discovery discovery = DiscoveryBinder.bind(s, baseDir, ig);
    HttpClientConfig http = HttpClientBinder.bind(s, baseDir, ig);
    s.rejectUnknown();
    if (jobName.isEmpty()) {
      throw s.error("job_name", "job_name is empty");
    }
    if (interval == 0) {
      interval = global.scrapeIntervalMillis();
    }
    if (timeout > interval) {
      throw s.error(
          "scrape_timeout",
          "scrape timeout greater than scrape interval for scrape config with job name "
              + quote(jobName));
    }
    if (timeout == 0) {
      timeout = Math.min(global.scrapeTimeoutMillis(), interval);
    }
    return new ScrapeConfig(
        jobName,
        interval,
        timeout,
        metricsPath,
        scheme,
        params,
        honorLabels,
        honorTimestamps,
        http,
        limits,
        relabel,
        metricRelabel,
        discovery);
  }

  private static Map<String, List<String>> params(Section p) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : p.entries()) {
      out.put(e.key(), p.strings(e.key()));
    }
    return out;
  }

  private static ScrapeConfig.Limits limits(Section s) {
    return new ScrapeConfig.Limits(
        s.nonNegativeLong("sample_limit", 0),
        s.nonNegativeLong("label_limit", 0),
        s.nonNegativeLong("label_name_length_limit", 0),
        s.nonNegativeLong("label_value_length_limit", 0),
        s.nonNegativeLong("target_limit", 0),
        s.bytes("body_size_limit", 0));
  }

  private static List<RelabelConfig> relabelRules(Section s, String key, String kind) {
    List<YamlNode> items = s.items(key);
    List<RelabelConfig> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = s.path() + "." + key + "[" + i + "]";
      if (isNull(items.get(i))) {
        throw new YamlError(
            items.get(i).mark(),
            path + ": empty or null " + kind + " relabeling rule in scrape config");
      }
      out.add(relabel(Section.resolving(path, items.get(i))));
    }
    return out;
  }

  /** One relabel rule with Prometheus's YAML defaults, validated. */
  static RelabelConfig relabel(Section r) {
    RelabelConfig d = RelabelConfig.DEFAULT;
    List<String> sources = r.strings("source_labels");
    for (String name : sources) {
      if (!LabelValidation.isValidLabelName(name)) {
        throw r.error("source_labels", quote(name) + " is not a valid label name");
      }
    }
    RelabelConfig.Builder b =
        RelabelConfig.builder()
            .sourceLabels(sources)
            .separator(r.rawString("separator", d.separator()))
            .regex(r.rawString("regex", d.regex()))
            .modulus(modulus(r))
            .targetLabel(r.rawString("target_label", d.targetLabel()))
            .replacement(r.rawString("replacement", d.replacement()));
    String action = r.rawString("action", d.action().configName());
    r.rejectUnknown();
    try {
      b.action(RelabelAction.parse(action));
    } catch (InvalidRelabelConfigException e) {
      throw r.error("action", String.valueOf(e.getMessage()));
    }
    RelabelConfig c = b.build();
    try {
      c.validate();
    } catch (InvalidRelabelConfigException e) {
      String msg = String.valueOf(e.getMessage());
      throw r.error(msg.contains("regexp") ? "regex" : "action", msg);
    }
    return c;
  }

  private static long modulus(Section r) {
    String text = r.rawString("modulus", "0");
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw r.error("modulus", "expected a non-negative integer, got " + quote(text));
    }
  }

  static boolean isNull(YamlNode n) {
    return n instanceof YamlNode.Scalar s && (s.isNull() || s.text().isEmpty());
  }

  /** Go's %q for the strings config files hold. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
