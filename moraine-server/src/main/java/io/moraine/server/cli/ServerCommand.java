package io.moraine.server.cli;

import io.moraine.core.time.Clock;
import io.moraine.core.time.Durations;
import io.moraine.ingest.discovery.StaticGroup;
import io.moraine.ingest.relabel.InvalidRelabelConfigException;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.server.api.prom.QueryLimits;
import io.moraine.server.api.prom.ServerInfo;
import io.moraine.server.config.ByteSizes;
import io.moraine.server.config.ConfigException;
import io.moraine.server.config.ConfigLoader;
import io.moraine.server.config.MoraineConfig;
import io.moraine.server.config.RuleFileException;
import io.moraine.server.config.ScrapeConfig;
import io.moraine.server.config.TsdbConfig;
import io.moraine.server.remote.RemoteWriting;
import io.moraine.server.rules.RulesRuntime;
import io.moraine.server.scrape.Scraping;
import io.moraine.server.store.StorageSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code moraine server}: runs the monitoring server until SIGTERM or SIGINT. */
@Command(
    name = "server",
    description = "Run the monitoring server until stopped (SIGTERM or SIGINT).",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true)
final class ServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  @Option(
      names = "--rules.default-pack",
      arity = "0..1",
      paramLabel = "BOOL",
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Evaluate Moraine's default alert rules (node, Kubernetes, GPU, energy, self)."
              + " Default: true; --rules.default-pack=false turns them off.")
  private boolean defaultRules = true;

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      converter = Converters.Listen.class,
      description =
          "Address for HTTP: host:port, :port (every interface) or [::1]:port."
              + " Default: ${DEFAULT-VALUE}.")
  private ListenAddress listen = ListenAddress.DEFAULT;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (moraine.yml; a prometheus.yml works). Optional.")
  private @Nullable Path config;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory. Default: ./data (or storage.tsdb.path of the config file).")
  private @Nullable Path data;

  @Option(
      names = "--retention.time",
      paramLabel = "DURATION",
      converter = Converters.DurationMillis.class,
      description =
          "How long to keep samples, e.g. 15d, 1y, 12h. Default: 15d when neither retention"
              + " flag nor setting is given.")
  private @Nullable Long retentionTimeMillis;

  @Option(
      names = "--retention.size",
      paramLabel = "SIZE",
      converter = Converters.Bytes.class,
      description =
          "Most bytes blocks may take: B, KB, MB, GB, TB, PB, EB (KB = 1024)."
              + " Default: 0 (no limit).")
  private @Nullable Long retentionSizeBytes;

  @Option(
      names = "--query.timeout",
      paramLabel = "DURATION",
      defaultValue = "2m",
      converter = Converters.DurationMillis.class,
      description = "Most time a query may take, waiting included. Default: ${DEFAULT-VALUE}.")
  private long queryTimeoutMillis;

  @Option(
      names = "--query.max-samples",
      paramLabel = "N",
      defaultValue = "50000000",
      description =
          "Most samples a query may hold in memory at once; past it the query fails."
              + " Default: ${DEFAULT-VALUE}.")
  private long queryMaxSamples;

  @Option(
      names = "--query.max-concurrency",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "Most queries evaluated at once; more wait for a slot. Default: ${DEFAULT-VALUE}.")
  private int queryMaxConcurrency;

  @Option(
      names = "--query.lookback-delta",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = Converters.DurationMillis.class,
      description =
          "How far back an instant selector looks for a sample. Default: ${DEFAULT-VALUE}.")
  private long queryLookbackDeltaMillis;

  @Option(
      names = "--query.warmup",
      arity = "0..1",
      paramLabel = "BOOL",
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Compile the query path at start, over a throwaway store, so that the first queries"
              + " run at full speed. Default: true; --query.warmup=false turns it off.")
  private boolean queryWarmup = true;

  @Spec private CommandSpec spec = CommandSpec.create();

  private final Engines engines;
  private final ShutdownHooks hooks;
  private final Consumer<ServerRuntime> onStarted;

  ServerCommand(Engines engines, ShutdownHooks hooks, Consumer<ServerRuntime> onStarted) {
    this.engines = engines;
    this.hooks = hooks;
    this.onStarted = onStarted;
  }

  @Override
  public Integer call() throws Exception {
    MoraineConfig cfg = config == null ? MoraineConfig.DEFAULT : ConfigLoader.load(config);
    for (String ignored : cfg.ignored()) {
      LOG.atInfo()
          .addKeyValue("section", ignored)
          .log("config section accepted but not implemented yet; ignored");
    }
    Engine queryEngine = queryEngine(cfg);
    QueryLimits queryLimits = queryLimits();
    TsdbConfig tsdb = withFlags(cfg.storage().tsdb());
    StorageSettings settings =
        new StorageSettings(
            tsdb.path(),
            tsdb.effectiveRetentionTimeMillis(),
            tsdb.retentionSizeBytes(),
            Clock.SYSTEM);
    LOG.atInfo()
        .addKeyValue("version", Main.version())
        .addKeyValue("data", settings.dataDir())
        .addKeyValue("retention_time", retention(settings.retentionTimeMillis()))
        .addKeyValue("retention_size", ByteSizes.format(settings.retentionSizeBytes()))
        .log("starting Moraine");
    ServerRuntime runtime =
        ServerRuntime.start(
            listen.toSocketAddress(),
            settings,
            engines.storage(),
            queryEngine,
            queryLimits,
            cfg.global().externalLabels(),
            cfg.remoteWriteConfigs(),
            new ServerInfo(
                Main.version(),
                settings.clock().nowMillis(),
                retentionText(settings),
                flagValues()),
            cfg.logs(),
            cfg.graph(),
            cfg.kubernetes());
    hooks.onShutdown(runtime::stop);
    onStarted.accept(runtime);
    runtime.openStorage();
    try {
      runtime.startScraping(
          scrapeJobs(cfg, runtime.httpAddress()), cfg.global().externalLabels(), Main.version());
    } catch (IOException e) {
      runtime.stop();
      throw usage("cannot start scraping: " + e.getMessage());
    }
    try {
      runtime.startRules(cfg, defaultRules, Main.version());
    } catch (RuleFileException e) {
      runtime.stop();
      throw usage("invalid rule files: " + e.getMessage());
    } catch (IOException e) {
      runtime.stop();
      throw usage("cannot start rules: " + e.getMessage());
    }
    runtime.startKubernetes(cfg.kubernetes(), cfg.graph(), Main.version());
    if (queryWarmup) {
      runtime.startWarmup(engines.storage(), queryLimits);
    }
    runtime.onReload(() -> reload(runtime));
    hooks.onReload(() -> runtime.reload());
    runtime.awaitStopped();
    return 0;
  }

  /**
   * Re-reads the configuration file and applies what can change at run time (scrape jobs, rule
   * files, alerting, remote_write), building every new part before swapping any: on any error the
   * running configuration stays whole and the reason is logged and returned (except a new
   * remote-write queue directory that cannot be used, found only when swapping). Reloads run one at
   * a time.
   */
  private synchronized @Nullable String reload(ServerRuntime runtime) {
    Scraping.Pending scrape = null;
    try {
      MoraineConfig cfg = config == null ? MoraineConfig.DEFAULT : ConfigLoader.load(config);
      Scraping scraping = runtime.scraping();
      if (scraping != null) {
        scrape = scraping.prepare(scrapeJobs(cfg, runtime.httpAddress()));
      }
      RemoteWriting.Pending remote =
          runtime.remoteWriting().prepare(cfg.remoteWriteConfigs(), cfg.global().externalLabels());
      RulesRuntime rules = runtime.rules();
      if (rules != null) {
        rules.reload(cfg);
      }
      if (scrape != null) {
        scrape.apply();
        scrape = null;
      }
      remote.apply();
      runtime.reloadStatus().succeeded(runtime.clock().nowMillis());
      LOG.atInfo().log("configuration reloaded");
      return null;
    } catch (ConfigException | RuleFileException | IOException | InvalidRelabelConfigException e) {
      if (scrape != null) {
        scrape.discard();
      }
      runtime.reloadStatus().failed();
      LOG.atError()
          .addKeyValue("err", e.getMessage())
          .log("reload failed; keeping the old configuration");
      return String.valueOf(e.getMessage());
    }
  }

  /**
   * The configured jobs; with no configuration file, the server itself and a local agent on
   * 127.0.0.1:9701, with Prometheus's default interval.
   */
  private List<ScrapeConfig> scrapeJobs(MoraineConfig cfg, InetSocketAddress self) {
    if (config != null) {
      return cfg.scrapeConfigs();
    }
    String host =
        self.getAddress() == null || self.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : self.getHostString();
    return List.of(
        staticJob("moraine", host + ":" + self.getPort()),
        staticJob("moraine-agent", "127.0.0.1:9701"));
  }

  private static ScrapeConfig staticJob(String job, String target) {
    ScrapeConfig d = ScrapeConfig.DEFAULT;
    return new ScrapeConfig(
        job,
        d.scrapeIntervalMillis(),
        d.scrapeTimeoutMillis(),
        d.metricsPath(),
        d.scheme(),
        d.params(),
        d.honorLabels(),
        d.honorTimestamps(),
        d.httpClient(),
        d.limits(),
        d.relabelConfigs(),
        d.metricRelabelConfigs(),
        new ScrapeConfig.Discovery(
            List.of(new StaticGroup(List.of(target), Map.of())), List.of(), List.of(), List.of()));
  }

  private Engine queryEngine(MoraineConfig cfg) {
    if (queryMaxSamples <= 0) {
      throw usage("--query.max-samples must be positive");
    }
    if (queryLookbackDeltaMillis <= 0) {
      throw usage("--query.lookback-delta must be positive");
    }
    return new Engine(
        new EngineOptions(
            queryLookbackDeltaMillis, queryMaxSamples, cfg.global().evaluationIntervalMillis()));
  }

  private QueryLimits queryLimits() {
    if (queryTimeoutMillis <= 0) {
      throw usage("--query.timeout must be positive");
    }
    if (queryMaxConcurrency <= 0) {
      throw usage("--query.max-concurrency must be positive");
    }
    return new QueryLimits(queryTimeoutMillis, queryMaxConcurrency);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Every option with its value as given, else its default ("" when none), as status/flags. */
  private Map<String, String> flagValues() {
    Map<String, String> flags = new TreeMap<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      List<String> given = o.originalStringValues();
      String value;
      if (!given.isEmpty()) {
        value = given.getLast();
      } else if (o.defaultValue() != null) {
        value = String.valueOf(o.defaultValue());
      } else {
        value = o.initialValue() == null ? "" : String.valueOf(o.initialValue());
      }
      flags.put(o.longestName().replaceFirst("^--", ""), value);
    }
    return flags;
  }

  /** As Prometheus reports it: {@code 15d}, {@code 512MiB}, {@code 15d or 512MiB}. */
  static String retentionText(StorageSettings s) {
    String time = s.retentionTimeMillis() == 0 ? "" : promDuration(s.retentionTimeMillis());
    String size = s.retentionSizeBytes() == 0 ? "" : base2Bytes(s.retentionSizeBytes());
    return time.isEmpty() || size.isEmpty() ? time + size : time + " or " + size;
  }

  /**
   * Prometheus' {@code model.Duration} text: years and weeks only when they divide the duration
   * ({@code 15d}, {@code 2w}, {@code 365d1h}).
   */
  static String promDuration(long millis) {
    long[] mult = {365 * 86_400_000L, 7 * 86_400_000L, 86_400_000L, 3_600_000, 60_000, 1_000, 1};
    String[] unit = {"y", "w", "d", "h", "m", "s", "ms"};
    StringBuilder sb = new StringBuilder();
    long rest = millis;
    for (int i = 0; i < mult.length; i++) {
      if (i < 2 && rest % mult[i] != 0) {
        continue;
      }
      if (rest / mult[i] > 0) {
        sb.append(rest / mult[i]).append(unit[i]);
        rest %= mult[i];
      }
    }
    return sb.isEmpty() ? "0s" : sb.toString();
  }

  /** Go's {@code units.Base2Bytes} text: {@code 1GiB512MiB}. */
  static String base2Bytes(long bytes) {
    String[] units = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB"};
    StringBuilder sb = new StringBuilder();
    long rest = bytes;
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (rest >= unit) {
        sb.append(rest / unit).append(units[i]);
        rest %= unit;
      }
    }
    if (rest > 0 || sb.isEmpty()) {
      sb.append(rest).append('B');
    }
    return sb.toString();
  }

  /** Flags override the file; the file overrides the defaults. */
  private TsdbConfig withFlags(TsdbConfig t) {
    TsdbConfig r = t;
    if (data != null) {
      r = r.withPath(data);
    }
    if (retentionTimeMillis != null) {
      r = r.withRetentionTimeMillis(retentionTimeMillis);
    }
    if (retentionSizeBytes != null) {
      r = r.withRetentionSizeBytes(retentionSizeBytes);
    }
    return r;
  }

  private static String retention(long millis) {
    return millis == 0 ? "unlimited" : Durations.format(millis);
  }
}
