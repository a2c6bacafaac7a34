package io.moraine.server.config;

import java.util.List;
import java.util.Objects;

/**
 * The whole configuration file ({@code moraine.yml}). Immutable.
 *
 * @param global the {@code global} section
 * @param storage the {@code storage} section
 * @param scrapeConfigs the {@code scrape_configs} jobs, in file order
 * @param remoteWriteConfigs the {@code remote_write} destinations, in file order
 * @param rules the {@code rule_files} and the rule settings of {@code global}
 * @param alerting the {@code alerting} section
 * @param notifications Moraine's {@code notify} section (built-in alert routing), or its default
 *     (none)
 * @param logs Moraine's {@code logs} section (the log store, its limits, forwarding)
 * @param graph Moraine's {@code graph} section (the knowledge graph and the metadata service)
 * @param kubernetes Moraine's {@code kubernetes} section (the site's API watched for the graph and
 *     the kube-state metrics), or its default (nothing watched)
 * @param ignored dotted paths of sections and fields that were accepted (an existing prometheus.yml
 *     loads unchanged) but are not acted on by this version; the server logs a note for each
 */
public record MoraineConfig(
    GlobalConfig global,
    StorageConfig storage,
    List<ScrapeConfig> scrapeConfigs,
    List<RemoteWriteConfig> remoteWriteConfigs,
    RulesConfig rules,
    AlertingConfig alerting,
    NotifyConfig notifications,
    LogsConfig logs,
    GraphConfig graph,
    KubernetesConfig kubernetes,
    List<String> ignored) {
  /** The configuration with no file at all: a single machine, data in {@code ./data}, no jobs. */
  public static final MoraineConfig DEFAULT =
      new MoraineConfig(GlobalConfig.DEFAULT, StorageConfig.DEFAULT, List.of());

  public MoraineConfig {
    Objects.requireNonNull(global, "global");
    Objects.requireNonNull(storage, "storage");
    scrapeConfigs = List.copyOf(scrapeConfigs);
    remoteWriteConfigs = List.copyOf(remoteWriteConfigs);
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(alerting, "alerting");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(kubernetes, "kubernetes");
    ignored = List.copyOf(ignored);
  }

  /** A configuration without scrape jobs. */
  public MoraineConfig(GlobalConfig global, StorageConfig storage, List<String> ignored) {
    this(global, storage, List.of(), List.of(), ignored);
  }

  /** A configuration without rule files, {@code alerting}, {@code notify} or {@code logs}. */
  public MoraineConfig(
      GlobalConfig global,
      StorageConfig storage,
      List<ScrapeConfig> scrapeConfigs,
      List<RemoteWriteConfig> remoteWriteConfigs,
      List<String> ignored) {
    this(
        global,
        storage,
        scrapeConfigs,
        remoteWriteConfigs,
        RulesConfig.DEFAULT,
        AlertingConfig.DEFAULT,
        NotifyConfig.DEFAULT,
        LogsConfig.DEFAULT,
        GraphConfig.DEFAULT,
        KubernetesConfig.DEFAULT,
        ignored);
  }

  public MoraineConfig withStorage(StorageConfig s) {
    return new MoraineConfig(
        global,
        s,
        scrapeConfigs,
        remoteWriteConfigs,
        rules,
        alerting,
        notifications,
        logs,
        graph,
        kubernetes,
        ignored);
  }

  public MoraineConfig withScrapeConfigs(List<ScrapeConfig> jobs) {
    return new MoraineConfig(
        global,
        storage,
        jobs,
        remoteWriteConfigs,
        rules,
        alerting,
        notifications,
        logs,
        graph,
        kubernetes,
        ignored);
  }

  public MoraineConfig withRemoteWriteConfigs(List<RemoteWriteConfig> remotes) {
    return new MoraineConfig(
        global,
        storage,
        scrapeConfigs,
        remotes,
        rules,
        alerting,
        notifications,
        logs,
        graph,
        kubernetes,
        ignored);
  }

  public MoraineConfig withRules(RulesConfig r) {
    return new MoraineConfig(
        global,
        storage,
        scrapeConfigs,
        remoteWriteConfigs,
        r,
        alerting,
        notifications,
        logs,
        graph,
        kubernetes,
        ignored);
  }

  public MoraineConfig withAlerting(AlertingConfig a) {
    return new MoraineConfig(
        global,
        storage,
        scrapeConfigs,
        remoteWriteConfigs,
        rules,
        a,
        notifications,
        logs,
        graph,
        kubernetes,
        ignored);
  }

  public MoraineConfig withLogs(LogsConfig l) {
    return new MoraineConfig(
        global,
        storage,
        scrapeConfigs,
        remoteWriteConfigs,
        rules,
        alerting,
        notifications,
        l,
        graph,
        kubernetes,
        ignored);
  }

  public MoraineConfig withNotify(NotifyConfig n) {
    return new MoraineConfig(
        global,
        storage,
        scrapeConfigs,
        remoteWriteConfigs,
        rules,
        alerting,
        n,
        logs,
        graph,
        kubernetes,
        ignored);
  }

  public MoraineConfig withGraph(GraphConfig g) {
    return new MoraineConfig(
        global,
        storage,
        scrapeConfigs,
        remoteWriteConfigs,
        rules,
        alerting,
        notifications,
        logs,
        g,
        kubernetes,
        ignored);
  }

  public MoraineConfig withKubernetes(KubernetesConfig k) {
    return new MoraineConfig(
        global,
        storage,
        scrapeConfigs,
        remoteWriteConfigs,
        rules,
        alerting,
        notifications,
        logs,
        graph,
        k,
        ignored);
  }
}
