package io.moraine.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Loads {@code moraine.yml}. Prometheus' sections ({@code global}, {@code scrape_configs} (see
 * {@link ScrapeConfig}), {@code remote_write} (see {@link RemoteWriteConfig}), {@code rule_files}
 * (see {@link RulesConfig}), {@code alerting} (see {@link AlertingConfig}), ...) are accepted so
 * that an existing prometheus.yml loads unchanged; those Moraine does not act on yet are listed in
 * {@link MoraineConfig#ignored}. Moraine's own sections are strict: an unknown key is an error with
 * its line and column. Relative paths in the file are resolved against the file's directory, as
 * Prometheus does. Thread-safe (stateless).
 */
public final class ConfigLoader {
  /** prometheus.yml sections that are accepted and not acted on yet. */
  private static final List<String> PROMETHEUS_SECTIONS =
      List.of("scrape_config_files", "remote_read", "tracing", "otlp", "runtime");

  /** Moraine's own sections that a later version will read; rejected rather than ignored. */
  private static final Set<String> FUTURE_SECTIONS =
      Set.of("forecast", "orchestrate", "auth", "limits");

  private ConfigLoader() {}

  /**
   * Reads and validates a file.
   *
   * @throws ConfigException when the file cannot be read, is not YAML, or breaks a rule
   */
  public static MoraineConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file, "cannot read: " + describe(e), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file, dir == null ? Path.of("") : dir);
  }

  /**
   * Validates YAML text.
   *
   * @param source the name that errors carry
   * @param baseDir what relative paths in the text are resolved against
   * @throws ConfigException when the text is not YAML or breaks a rule
   */
  public static MoraineConfig parse(String text, Path source, Path baseDir) throws ConfigException {
    try {
      return bind(YamlTreeReader.read(text), baseDir);
    } catch (YamlError e) {
      throw new ConfigException(source, e.line(), e.column(), e.reason());
    }
  }

  private static MoraineConfig bind(@Nullable YamlNode root, Path baseDir) {
    Section top = Section.of("", root);
    List<String> ignored = new ArrayList<>();
    Section globalSection = top.section("global");
    long queryOffset = globalSection.duration("rule_query_offset", 0);
    GlobalConfig global = global(globalSection, ignored);
    StorageConfig storage = storage(top.section("storage"), baseDir);
    LogsConfig logs = LogsBinder.bind(top.section("logs"), baseDir);
    GraphConfig graph = GraphBinder.bind(top.section("graph"), baseDir);
    KubernetesConfig kubernetes = KubernetesBinder.bind(top, baseDir);
    for (YamlNode.Entry e : top.entries()) {
      if (FUTURE_SECTIONS.contains(e.key())) {
        throw new YamlError(
            e.keyMark(), "section \"" + e.key() + "\" is not supported by this version");
      }
    }
    List<ScrapeConfig> scrapeConfigs = ScrapeConfigBinder.bind(top, global, baseDir, ignored);
    List<RemoteWriteConfig> remoteWrite = RemoteWriteBinder.bind(top, baseDir, ignored);
    List<String> ruleFiles = ruleFiles(top, baseDir);
    AlertingConfig alerting = AlertingBinder.bind(top, baseDir, ignored);
    NotifyConfig notify = NotifyBinder.bind(top, baseDir);
    ignored.addAll(top.ignore(PROMETHEUS_SECTIONS.toArray(String[]::new)));
    top.rejectUnknown();
    return new MoraineConfig(global, storage, ignored)
        .withScrapeConfigs(scrapeConfigs)
        .withRemoteWriteConfigs(remoteWrite)
        .withRules(new RulesConfig(ruleFiles, global.evaluationIntervalMillis(), queryOffset))
        .withAlerting(alerting)
        .withNotify(notify)
        .withLogs(logs)
        .withGraph(graph)
        .withKubernetes(kubernetes);
  }

  /** {@code rule_files}: each a valid pattern, joined to the config file's directory. */
  private static List<String> ruleFiles(Section top, Path baseDir) {
    List<String> out = new ArrayList<>();
    for (YamlNode n : top.items("rule_files")) {
      if (!(n instanceof YamlNode.Scalar s)) {
        throw new YamlError(n.mark(), "rule_files: expected a scalar, got " + n.kind());
      }
      try {
        RuleFileLoader.checkPattern(s.text());
      } catch (IllegalArgumentException e) {
        throw new YamlError(n.mark(), "invalid rule file path \"" + s.text() + "\"");
      }
      out.add(RuleFileLoader.join(baseDir, s.text()));
    }
    return out;
  }

  private static GlobalConfig global(Section s, List<String> ignored) {
    GlobalConfig d = GlobalConfig.DEFAULT;
    long interval = s.duration("scrape_interval", 0);
    if (interval == 0) {
      interval = d.scrapeIntervalMillis();
    }
    long timeout = s.duration("scrape_timeout", 0);
    YamlNode timeoutNode = s.take("scrape_timeout");
    if (timeout > interval && timeoutNode != null) {
      throw new YamlError(
          timeoutNode.mark(), "global: scrape timeout greater than scrape interval");
    }
    if (timeout == 0) {
      timeout = Math.min(d.scrapeTimeoutMillis(), interval);
    }
    long evaluation = s.duration("evaluation_interval", 0);
    if (evaluation == 0) {
      evaluation = d.evaluationIntervalMillis();
    }
    var labels = s.labels("external_labels");
    ignored.addAll(s.ignore(GlobalConfig.NOT_YET_USED));
    s.rejectUnknown();
    return new GlobalConfig(interval, timeout, evaluation, labels);
  }

  private static StorageConfig storage(Section s, Path baseDir) {
    Section tsdb = s.section("tsdb");
    String p = tsdb.string("path");
    Path path = p == null ? TsdbConfig.DEFAULT.path() : baseDir.resolve(p).normalize();
    Section retention = tsdb.section("retention");
    long time = retention.duration("time", 0);
    long size = retention.bytes("size", 0);
    retention.rejectUnknown();
    long window = tsdb.duration("out_of_order_time_window", 0);
    tsdb.rejectUnknown();
    Section exemplars = s.section("exemplars");
    long maxExemplars =
        exemplars.nonNegativeLong("max_exemplars", StorageConfig.DEFAULT.maxExemplars());
    exemplars.rejectUnknown();
    s.rejectUnknown();
    return new StorageConfig(new TsdbConfig(path, time, size, window), maxExemplars);
  }

  private static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return switch (kind) {
      case "NoSuchFileException" -> "no such file";
      case "AccessDeniedException" -> "permission denied";
      case "MalformedInputException" -> "not valid UTF-8";
      default -> String.valueOf(e.getMessage());
    };
  }
}
